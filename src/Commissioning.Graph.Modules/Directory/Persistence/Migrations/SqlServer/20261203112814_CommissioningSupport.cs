using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Directory.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CommissioningSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectorySupportArrangements",
                schema: "directory",
                columns: table => new
                {
                    ConsortiumCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SupplierCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Functions = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectorySupportArrangements", x => new { x.ConsortiumCode, x.SupplierCode, x.From });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectorySupportArrangements_SupplierCode",
                schema: "directory",
                table: "DirectorySupportArrangements",
                column: "SupplierCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectorySupportArrangements",
                schema: "directory");
        }
    }
}
