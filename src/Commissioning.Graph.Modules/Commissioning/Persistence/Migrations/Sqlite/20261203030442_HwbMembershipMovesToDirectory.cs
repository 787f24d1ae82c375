using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HwbMembershipMovesToDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HwbMemberships",
                schema: "commissioning");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HwbMemberships",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsortiumCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HwbCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HwbMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HwbMemberships_Consortia_ConsortiumCode",
                        column: x => x.ConsortiumCode,
                        principalSchema: "commissioning",
                        principalTable: "Consortia",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HwbMemberships_ConsortiumCode_HwbCode_From",
                schema: "commissioning",
                table: "HwbMemberships",
                columns: new[] { "ConsortiumCode", "HwbCode", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HwbMemberships_HwbCode",
                schema: "commissioning",
                table: "HwbMemberships",
                column: "HwbCode");
        }
    }
}
