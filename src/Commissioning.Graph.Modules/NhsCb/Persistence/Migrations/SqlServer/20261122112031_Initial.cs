using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.NhsCb.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "nhs_cb");

            migrationBuilder.CreateTable(
                name: "Allocations",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConsortiumCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    ProgrammeBudget = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    RunningCostsAllowance = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    RevenueResourceLimit = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    CapitalResourceLimit = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RowVersion = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssuranceAssessments",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConsortiumCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Rating = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FinanceFinding = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    QualityFinding = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssuranceAssessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interventions",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConsortiumCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interventions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NhsCommissioningBoards",
                schema: "nhs_cb",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Mandate = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Guidance = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NhsCommissioningBoards", x => x.Code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_ConsortiumCode_Year",
                schema: "nhs_cb",
                table: "Allocations",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceAssessments_ConsortiumCode_Year",
                schema: "nhs_cb",
                table: "AssuranceAssessments",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_ConsortiumCode",
                schema: "nhs_cb",
                table: "Interventions",
                column: "ConsortiumCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Allocations",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "AssuranceAssessments",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "Interventions",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "NhsCommissioningBoards",
                schema: "nhs_cb");
        }
    }
}
