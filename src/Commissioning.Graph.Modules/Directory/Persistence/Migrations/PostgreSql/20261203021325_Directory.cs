using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Directory.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "directory");

            migrationBuilder.CreateTable(
                name: "DirectoryAllocationLimits",
                schema: "directory",
                columns: table => new
                {
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ProgrammeBudget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RunningCostsAllowance = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RevenueResourceLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CapitalResourceLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryAllocationLimits", x => new { x.ConsortiumCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "DirectoryOrganisations",
                schema: "directory",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TypeName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryOrganisations", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryRelationships",
                schema: "directory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    FromYear = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    ToYear = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryRelationships", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_Kind_Code",
                schema: "directory",
                table: "DirectoryOrganisations",
                columns: new[] { "Kind", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryRelationships_PartyCode_Kind",
                schema: "directory",
                table: "DirectoryRelationships",
                columns: new[] { "PartyCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryRelationships_SubjectCode_Kind",
                schema: "directory",
                table: "DirectoryRelationships",
                columns: new[] { "SubjectCode", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryAllocationLimits",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "DirectoryOrganisations",
                schema: "directory");

            migrationBuilder.DropTable(
                name: "DirectoryRelationships",
                schema: "directory");
        }
    }
}
