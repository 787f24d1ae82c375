using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    // Arrangements made before kinds existed were consortia leading for associates: Kind defaults to LeadCommissioner for them (hand-edited default).
    public partial class ArrangementKindsAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LeadConsortiumCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                newName: "LeadCode");

            migrationBuilder.RenameIndex(
                name: "IX_LeadCommissioningArrangements_LeadConsortiumCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                newName: "IX_LeadCommissioningArrangements_LeadCode");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "LeadCommissioner");

            migrationBuilder.CreateTable(
                name: "ContractActivitySubmissions",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractActivitySubmissions", x => x.Id);
                    table.CheckConstraint("CK_ContractActivitySubmissions_Month", "\"Month\" BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "FK_ContractActivitySubmissions_Contracts_ContractCode",
                        column: x => x.ContractCode,
                        principalSchema: "commissioning",
                        principalTable: "Contracts",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContractActivityLines",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    CommissionerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Activity = table.Column<int>(type: "integer", nullable: false),
                    Cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractActivityLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractActivityLines_ContractActivitySubmissions_Submissio~",
                        column: x => x.SubmissionId,
                        principalSchema: "commissioning",
                        principalTable: "ContractActivitySubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContractActivityLines_SubmissionId_CommissionerCode",
                schema: "commissioning",
                table: "ContractActivityLines",
                columns: new[] { "SubmissionId", "CommissionerCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractActivitySubmissions_ContractCode_Year_Month",
                schema: "commissioning",
                table: "ContractActivitySubmissions",
                columns: new[] { "ContractCode", "Year", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractActivityLines",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "ContractActivitySubmissions",
                schema: "commissioning");

            migrationBuilder.DropColumn(
                name: "Kind",
                schema: "commissioning",
                table: "LeadCommissioningArrangements");

            migrationBuilder.RenameColumn(
                name: "LeadCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                newName: "LeadConsortiumCode");

            migrationBuilder.RenameIndex(
                name: "IX_LeadCommissioningArrangements_LeadCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                newName: "IX_LeadCommissioningArrangements_LeadConsortiumCode");
        }
    }
}
