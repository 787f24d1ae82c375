using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    // Plans made before statuses existed were published ones: Status defaults to Published for them (hand-edited default).
    public partial class StrategiesAndPlanResponses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateOnly>(
                name: "PublishedOn",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<int>(
                name: "RowVersion",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SharedOn",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Published");

            migrationBuilder.AddColumn<string>(
                name: "StrategyPriorityCodes",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "PlanResponses",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    BoardCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    View = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanResponses_CommissioningPlans_PlanId",
                        column: x => x.PlanId,
                        principalSchema: "commissioning",
                        principalTable: "CommissioningPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanResponses_PlanId_BoardCode",
                schema: "commissioning",
                table: "PlanResponses",
                columns: new[] { "PlanId", "BoardCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanResponses",
                schema: "commissioning");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                schema: "commissioning",
                table: "CommissioningPlans");

            migrationBuilder.DropColumn(
                name: "SharedOn",
                schema: "commissioning",
                table: "CommissioningPlans");

            migrationBuilder.DropColumn(
                name: "Status",
                schema: "commissioning",
                table: "CommissioningPlans");

            migrationBuilder.DropColumn(
                name: "StrategyPriorityCodes",
                schema: "commissioning",
                table: "CommissioningPlans");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "PublishedOn",
                schema: "commissioning",
                table: "CommissioningPlans",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
