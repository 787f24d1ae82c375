using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ArrangementStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArrangementStatements",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArrangementCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssociateCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    SharePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Activity = table.Column<int>(type: "integer", nullable: false),
                    Cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ContractActivity = table.Column<int>(type: "integer", nullable: false),
                    ContractCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DisputeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrangementStatements", x => x.Id);
                    table.CheckConstraint("CK_ArrangementStatements_Month", "\"Month\" BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "FK_ArrangementStatements_LeadCommissioningArrangements_Arrange~",
                        column: x => x.ArrangementCode,
                        principalSchema: "commissioning",
                        principalTable: "LeadCommissioningArrangements",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrangementStatements_ArrangementCode_Year_Month_AssociateC~",
                schema: "commissioning",
                table: "ArrangementStatements",
                columns: new[] { "ArrangementCode", "Year", "Month", "AssociateCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArrangementStatements_AssociateCode_Year",
                schema: "commissioning",
                table: "ArrangementStatements",
                columns: new[] { "AssociateCode", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrangementStatements",
                schema: "commissioning");
        }
    }
}
