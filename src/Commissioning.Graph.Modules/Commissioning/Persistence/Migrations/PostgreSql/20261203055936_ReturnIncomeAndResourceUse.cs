using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReturnIncomeAndResourceUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "IncomeForecastOutturn",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "IncomePlan",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "IncomeYearToDate",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "ResourceUseForecastOutturn",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "ResourceUsePlan",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "ResourceUseYearToDate",
                schema: "commissioning",
                table: "FinancialReturns",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IncomeForecastOutturn",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropColumn(
                name: "IncomePlan",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropColumn(
                name: "IncomeYearToDate",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropColumn(
                name: "ResourceUseForecastOutturn",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropColumn(
                name: "ResourceUsePlan",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropColumn(
                name: "ResourceUseYearToDate",
                schema: "commissioning",
                table: "FinancialReturns");
        }
    }
}
