using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Governance.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRecords_CallerOrganisation_OccurredAt",
                schema: "governance",
                table: "DisclosureRecords",
                columns: new[] { "CallerOrganisation", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DisclosureRecords_CallerOrganisation_OccurredAt",
                schema: "governance",
                table: "DisclosureRecords");
        }
    }
}
