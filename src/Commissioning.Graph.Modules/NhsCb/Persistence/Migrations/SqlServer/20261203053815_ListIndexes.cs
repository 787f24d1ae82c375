using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.NhsCb.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interventions_ConsortiumCode",
                schema: "nhs_cb",
                table: "Interventions");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_ConsortiumCode_StartedOn",
                schema: "nhs_cb",
                table: "Interventions",
                columns: new[] { "ConsortiumCode", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_Year_ConsortiumCode",
                schema: "nhs_cb",
                table: "Allocations",
                columns: new[] { "Year", "ConsortiumCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interventions_ConsortiumCode_StartedOn",
                schema: "nhs_cb",
                table: "Interventions");

            migrationBuilder.DropIndex(
                name: "IX_Allocations_Year_ConsortiumCode",
                schema: "nhs_cb",
                table: "Allocations");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_ConsortiumCode",
                schema: "nhs_cb",
                table: "Interventions",
                column: "ConsortiumCode");
        }
    }
}
