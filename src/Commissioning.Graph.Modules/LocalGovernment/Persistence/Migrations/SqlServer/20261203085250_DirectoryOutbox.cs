using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DirectoryOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LocalGovernmentDirectoryOutbox",
                schema: "local_government",
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
                    table.PrimaryKey("PK_LocalGovernmentDirectoryOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LocalGovernmentDirectoryOutbox_MessageId",
                schema: "local_government",
                table: "LocalGovernmentDirectoryOutbox",
                column: "MessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LocalGovernmentDirectoryOutbox",
                schema: "local_government");
        }
    }
}
