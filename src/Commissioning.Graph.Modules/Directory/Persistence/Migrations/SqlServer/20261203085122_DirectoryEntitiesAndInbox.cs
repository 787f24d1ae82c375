using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Directory.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DirectoryEntitiesAndInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryEntities",
                schema: "directory",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    TypeName = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    OwnerCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Year = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: true),
                    Draft = table.Column<bool>(type: "bit", nullable: false),
                    Subjects = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryEntities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryInbox",
                schema: "directory",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryInbox", x => x.MessageId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryEntities",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "DirectoryInbox",
                schema: "directory");
        }
    }
}
