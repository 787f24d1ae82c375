using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.NhsCb.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomesAndQualityPremium : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeIndicators",
                schema: "nhs_cb",
                columns: table => new
                {
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeIndicators", x => new { x.Year, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "OutcomeValues",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Numerator = table.Column<int>(type: "INTEGER", nullable: false),
                    Denominator = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QualityPremiums",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    FinancialDutiesMet = table.Column<bool>(type: "INTEGER", nullable: false),
                    FinancialDutiesMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    FinancialDutiesVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityPremiums", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QualityPremiumCriteria",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QualityPremiumId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Met = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityPremiumCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityPremiumCriteria_QualityPremiums_QualityPremiumId",
                        column: x => x.QualityPremiumId,
                        principalSchema: "nhs_cb",
                        principalTable: "QualityPremiums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityPremiumShares",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QualityPremiumId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PracticeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityPremiumShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityPremiumShares_QualityPremiums_QualityPremiumId",
                        column: x => x.QualityPremiumId,
                        principalSchema: "nhs_cb",
                        principalTable: "QualityPremiums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeValues_ConsortiumCode_Year_IndicatorCode",
                schema: "nhs_cb",
                table: "OutcomeValues",
                columns: new[] { "ConsortiumCode", "Year", "IndicatorCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityPremiumCriteria_QualityPremiumId_IndicatorCode",
                schema: "nhs_cb",
                table: "QualityPremiumCriteria",
                columns: new[] { "QualityPremiumId", "IndicatorCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityPremiumShares_QualityPremiumId_PracticeCode",
                schema: "nhs_cb",
                table: "QualityPremiumShares",
                columns: new[] { "QualityPremiumId", "PracticeCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityPremiums_ConsortiumCode_Year",
                schema: "nhs_cb",
                table: "QualityPremiums",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeIndicators",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "OutcomeValues",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "QualityPremiumCriteria",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "QualityPremiumShares",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "QualityPremiums",
                schema: "nhs_cb");
        }
    }
}
