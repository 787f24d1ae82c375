using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Governance.Persistence.Migrations.PostgreSql
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CallerOrganisation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClientApplicationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PurposeOfUse = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OperationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OperationType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DocumentHash = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    OwningOrganisation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Disclosed = table.Column<string>(type: "text", nullable: false),
                    SchemaCoordinates = table.Column<string>(type: "text", nullable: false),
                    Records = table.Column<int>(type: "integer", nullable: false)
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

            // Append-only, enforced by the database too: any UPDATE, DELETE or TRUNCATE, however issued, fails.
            migrationBuilder.Sql("""
                CREATE FUNCTION governance.refuse_disclosure_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The disclosure register is append-only: % refused on %.', TG_OP, TG_TABLE_NAME
                        USING ERRCODE = 'restrict_violation';
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DisclosureRecords_NoUpdate" BEFORE UPDATE ON governance."DisclosureRecords"
                    FOR EACH ROW EXECUTE FUNCTION governance.refuse_disclosure_record_change();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DisclosureRecords_NoDelete" BEFORE DELETE ON governance."DisclosureRecords"
                    FOR EACH ROW EXECUTE FUNCTION governance.refuse_disclosure_record_change();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DisclosureRecords_NoTruncate" BEFORE TRUNCATE ON governance."DisclosureRecords"
                    FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_disclosure_record_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DisclosureRecords_NoTruncate" ON governance."DisclosureRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DisclosureRecords_NoDelete" ON governance."DisclosureRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DisclosureRecords_NoUpdate" ON governance."DisclosureRecords";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS governance.refuse_disclosure_record_change();");

            migrationBuilder.DropTable(
                name: "DisclosureRecords",
                schema: "governance");
        }
    }
}
