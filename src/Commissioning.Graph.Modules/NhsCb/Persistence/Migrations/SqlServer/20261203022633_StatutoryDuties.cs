using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.NhsCb.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StatutoryDuties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RowVersion",
                schema: "nhs_cb",
                table: "AssuranceAssessments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AssuranceCheckpoints",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssessmentId = table.Column<int>(type: "int", nullable: false),
                    Quarter = table.Column<int>(type: "int", nullable: false),
                    Finding = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssuranceCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssuranceCheckpoints_AssuranceAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalSchema: "nhs_cb",
                        principalTable: "AssuranceAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DutyEvidence",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConsortiumCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Duty = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RowVersion = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyEvidence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutyFindings",
                schema: "nhs_cb",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssessmentId = table.Column<int>(type: "int", nullable: false),
                    Duty = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Rating = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Finding = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyFindings_AssuranceAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalSchema: "nhs_cb",
                        principalTable: "AssuranceAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceCheckpoints_AssessmentId_Quarter",
                schema: "nhs_cb",
                table: "AssuranceCheckpoints",
                columns: new[] { "AssessmentId", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyEvidence_ConsortiumCode_Year_Duty",
                schema: "nhs_cb",
                table: "DutyEvidence",
                columns: new[] { "ConsortiumCode", "Year", "Duty" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyFindings_AssessmentId_Duty",
                schema: "nhs_cb",
                table: "DutyFindings",
                columns: new[] { "AssessmentId", "Duty" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssuranceCheckpoints",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "DutyEvidence",
                schema: "nhs_cb");

            migrationBuilder.DropTable(
                name: "DutyFindings",
                schema: "nhs_cb");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                schema: "nhs_cb",
                table: "AssuranceAssessments");
        }
    }
}
