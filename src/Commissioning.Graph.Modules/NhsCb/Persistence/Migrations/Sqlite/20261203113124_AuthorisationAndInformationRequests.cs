using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.NhsCb.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthorisationAndInformationRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Ground",
                schema: "nhs_cb",
                table: "Interventions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferredToCode",
                schema: "nhs_cb",
                table: "Interventions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuthorisationDecisions",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FunctionsRetained = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorisationDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InformationRequests",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RespondedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuthorisationConditions",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DecisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LiftedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorisationConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuthorisationConditions_AuthorisationDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalSchema: "nhs_cb",
                        principalTable: "AuthorisationDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuthorisationConditions_DecisionId_Position",
                schema: "nhs_cb",
                table: "AuthorisationConditions",
                columns: new[] { "DecisionId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuthorisationDecisions_ConsortiumCode",
                schema: "nhs_cb",
                table: "AuthorisationDecisions",
                column: "ConsortiumCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InformationRequests_ConsortiumCode_RequestedOn",
                schema: "nhs_cb",
                table: "InformationRequests",
                columns: new[] { "ConsortiumCode", "RequestedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuthorisationConditions",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "InformationRequests",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "AuthorisationDecisions",
                schema: "nhs_cb");

            migrationBuilder.DropColumn(
                name: "Ground",
                schema: "nhs_cb",
                table: "Interventions");

            migrationBuilder.DropColumn(
                name: "TransferredToCode",
                schema: "nhs_cb",
                table: "Interventions");
        }
    }
}
