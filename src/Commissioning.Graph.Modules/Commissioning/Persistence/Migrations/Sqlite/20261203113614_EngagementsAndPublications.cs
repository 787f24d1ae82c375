using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EngagementsAndPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InterestInCode",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProcurementRoute",
                schema: "commissioning",
                table: "CommissioningDecisions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnnualAccounts",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AuditOpinion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeBudget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RunningCostsAllowance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RevenueResourceLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CapitalResourceLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    IncomeReceived = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ProgrammeExpenditure = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RunningCosts = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CapitalExpenditure = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ResourceUse = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AnnualReports",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublicMeetingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionWithdrawals",
                schema: "commissioning",
                columns: table => new
                {
                    DecisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclarationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionWithdrawals", x => new { x.DecisionId, x.DeclarationId });
                    table.ForeignKey(
                        name: "FK_DecisionWithdrawals_CommissioningDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalSchema: "commissioning",
                        principalTable: "CommissioningDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DecisionWithdrawals_ConflictOfInterestDeclarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalSchema: "commissioning",
                        principalTable: "ConflictOfInterestDeclarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Engagements",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Proposal = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SignificantChange = table.Column<bool>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HealthWatchInvolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Engagements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Engagements_CommissioningDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalSchema: "commissioning",
                        principalTable: "CommissioningDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualAccounts_ConsortiumCode_Year",
                schema: "commissioning",
                table: "AnnualAccounts",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualAccounts_Year",
                schema: "commissioning",
                table: "AnnualAccounts",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_ConsortiumCode_Year",
                schema: "commissioning",
                table: "AnnualReports",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_Year",
                schema: "commissioning",
                table: "AnnualReports",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionWithdrawals_DeclarationId",
                schema: "commissioning",
                table: "DecisionWithdrawals",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_ConsortiumCode_From",
                schema: "commissioning",
                table: "Engagements",
                columns: new[] { "ConsortiumCode", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_DecisionId",
                schema: "commissioning",
                table: "Engagements",
                column: "DecisionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualAccounts",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "AnnualReports",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "DecisionWithdrawals",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "Engagements",
                schema: "commissioning");

            migrationBuilder.DropColumn(
                name: "InterestInCode",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations");

            migrationBuilder.DropColumn(
                name: "ProcurementRoute",
                schema: "commissioning",
                table: "CommissioningDecisions");
        }
    }
}
