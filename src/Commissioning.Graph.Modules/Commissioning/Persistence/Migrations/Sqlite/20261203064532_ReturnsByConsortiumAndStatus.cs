using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnsByConsortiumAndStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_ConsortiumCode_Status_Year_Month",
                schema: "commissioning",
                table: "FinancialReturns",
                columns: new[] { "ConsortiumCode", "Status", "Year", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FinancialReturns_ConsortiumCode_Status_Year_Month",
                schema: "commissioning",
                table: "FinancialReturns");
        }
    }
}
