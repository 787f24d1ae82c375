using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Governance.Persistence.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CallerOrganisation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ClientApplicationId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PurposeOfUse = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    OperationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OperationType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DocumentHash = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    OwningOrganisation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Disclosed = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SchemaCoordinates = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Records = table.Column<int>(type: "int", nullable: false)
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
            // EXEC because CREATE TRIGGER must open its batch, and idempotent scripts wrap each statement in IF … BEGIN … END.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [governance].[DisclosureRecords_NoUpdate] ON [governance].[DisclosureRecords] INSTEAD OF UPDATE AS
                BEGIN
                    THROW 51000, ''The disclosure register is append-only: records are never updated.'', 1;
                END');
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [governance].[DisclosureRecords_NoDelete] ON [governance].[DisclosureRecords] INSTEAD OF DELETE AS
                BEGIN
                    THROW 51000, ''The disclosure register is append-only: records are never deleted.'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [governance].[DisclosureRecords_NoDelete];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [governance].[DisclosureRecords_NoUpdate];");

            migrationBuilder.DropTable(
                name: "DisclosureRecords",
                schema: "governance");
        }
    }
}
