using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DirectoryOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissioningDirectoryOutbox",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Facts = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissioningDirectoryOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningDirectoryOutbox_MessageId",
                schema: "commissioning",
                table: "CommissioningDirectoryOutbox",
                column: "MessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissioningDirectoryOutbox",
                schema: "commissioning");
        }
    }
}
