using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StrategiesAndPlanResponses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HwbStrategies",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HwbCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HwbStrategies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HwbStrategies_HealthAndWellbeingBoards_HwbCode",
                        column: x => x.HwbCode,
                        principalSchema: "local_government",
                        principalTable: "HealthAndWellbeingBoards",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HwbStrategyPriorities",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StrategyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HwbCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    JsnaTopics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HwbStrategyPriorities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HwbStrategyPriorities_HwbStrategies_StrategyId",
                        column: x => x.StrategyId,
                        principalSchema: "local_government",
                        principalTable: "HwbStrategies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HwbStrategies_HwbCode_Year",
                schema: "local_government",
                table: "HwbStrategies",
                columns: new[] { "HwbCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HwbStrategyPriorities_Code",
                schema: "local_government",
                table: "HwbStrategyPriorities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HwbStrategyPriorities_StrategyId_Position",
                schema: "local_government",
                table: "HwbStrategyPriorities",
                columns: new[] { "StrategyId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HwbStrategyPriorities",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "HwbStrategies",
                schema: "local_government");
        }
    }
}
