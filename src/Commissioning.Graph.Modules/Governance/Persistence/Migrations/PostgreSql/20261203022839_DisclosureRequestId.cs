using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Governance.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DisclosureRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestId",
                schema: "governance",
                table: "DisclosureRecords",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRecords_RequestId",
                schema: "governance",
                table: "DisclosureRecords",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DisclosureRecords_RequestId",
                schema: "governance",
                table: "DisclosureRecords");

            migrationBuilder.DropColumn(
                name: "RequestId",
                schema: "governance",
                table: "DisclosureRecords");
        }
    }
}
