using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Governance.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisclosureRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "governance");

            migrationBuilder.CreateTable(
                name: "DisclosureRecords",
                schema: "governance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CallerOrganisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientApplicationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PurposeOfUse = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OperationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OperationType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DocumentHash = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    OwningOrganisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Disclosed = table.Column<string>(type: "TEXT", nullable: false),
                    SchemaCoordinates = table.Column<string>(type: "TEXT", nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRecords_OccurredAt",
                schema: "governance",
                table: "DisclosureRecords",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRecords_OwningOrganisation_OccurredAt",
                schema: "governance",
                table: "DisclosureRecords",
                columns: new[] { "OwningOrganisation", "OccurredAt" });

            // Append-only, enforced by the database too: any UPDATE or DELETE, however issued, fails.
            migrationBuilder.Sql("""
                CREATE TRIGGER "DisclosureRecords_NoUpdate" BEFORE UPDATE ON "DisclosureRecords"
                BEGIN SELECT RAISE(ABORT, 'The disclosure register is append-only: records are never updated.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DisclosureRecords_NoDelete" BEFORE DELETE ON "DisclosureRecords"
                BEGIN SELECT RAISE(ABORT, 'The disclosure register is append-only: records are never deleted.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DisclosureRecords_NoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DisclosureRecords_NoUpdate";""");

            migrationBuilder.DropTable(
                name: "DisclosureRecords",
                schema: "governance");
        }
    }
}
