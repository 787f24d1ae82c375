using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "local_government");

            migrationBuilder.CreateTable(
                name: "LocalAuthorities",
                schema: "local_government",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DirectorOfPublicHealth = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocalAuthorities", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "PooledBudgets",
                schema: "local_government",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HostCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Scope = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RiskShare = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PooledBudgets", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "HealthAndWellbeingBoards",
                schema: "local_government",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LocalAuthorityCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Chair = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthAndWellbeingBoards", x => x.Code);
                    table.ForeignKey(
                        name: "FK_HealthAndWellbeingBoards_LocalAuthorities_LocalAuthorityCode",
                        column: x => x.LocalAuthorityCode,
                        principalSchema: "local_government",
                        principalTable: "LocalAuthorities",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PoolContributions",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PoolCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolContributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PoolContributions_PooledBudgets_PoolCode",
                        column: x => x.PoolCode,
                        principalSchema: "local_government",
                        principalTable: "PooledBudgets",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PoolExpenditure",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PoolCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ServiceArea = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolExpenditure", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PoolExpenditure_PooledBudgets_PoolCode",
                        column: x => x.PoolCode,
                        principalSchema: "local_government",
                        principalTable: "PooledBudgets",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PoolPartners",
                schema: "local_government",
                columns: table => new
                {
                    PoolCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RiskSharePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolPartners", x => new { x.PoolCode, x.PartnerCode });
                    table.ForeignKey(
                        name: "FK_PoolPartners_PooledBudgets_PoolCode",
                        column: x => x.PoolCode,
                        principalSchema: "local_government",
                        principalTable: "PooledBudgets",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HwbMembers",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HwbCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HwbMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HwbMembers_HealthAndWellbeingBoards_HwbCode",
                        column: x => x.HwbCode,
                        principalSchema: "local_government",
                        principalTable: "HealthAndWellbeingBoards",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Jsnas",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HwbCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jsnas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Jsnas_HealthAndWellbeingBoards_HwbCode",
                        column: x => x.HwbCode,
                        principalSchema: "local_government",
                        principalTable: "HealthAndWellbeingBoards",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JsnaContributions",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JsnaId = table.Column<int>(type: "integer", nullable: false),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Narrative = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JsnaContributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JsnaContributions_Jsnas_JsnaId",
                        column: x => x.JsnaId,
                        principalSchema: "local_government",
                        principalTable: "Jsnas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JsnaIndicators",
                schema: "local_government",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JsnaContributionId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Numerator = table.Column<int>(type: "integer", nullable: false),
                    Denominator = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JsnaIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JsnaIndicators_JsnaContributions_JsnaContributionId",
                        column: x => x.JsnaContributionId,
                        principalSchema: "local_government",
                        principalTable: "JsnaContributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HealthAndWellbeingBoards_LocalAuthorityCode",
                schema: "local_government",
                table: "HealthAndWellbeingBoards",
                column: "LocalAuthorityCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HwbMembers_HwbCode",
                schema: "local_government",
                table: "HwbMembers",
                column: "HwbCode");

            migrationBuilder.CreateIndex(
                name: "IX_HwbMembers_OrganisationCode",
                schema: "local_government",
                table: "HwbMembers",
                column: "OrganisationCode");

            migrationBuilder.CreateIndex(
                name: "IX_JsnaContributions_ConsortiumCode",
                schema: "local_government",
                table: "JsnaContributions",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_JsnaContributions_JsnaId_ConsortiumCode_Topic",
                schema: "local_government",
                table: "JsnaContributions",
                columns: new[] { "JsnaId", "ConsortiumCode", "Topic" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JsnaIndicators_JsnaContributionId_Name",
                schema: "local_government",
                table: "JsnaIndicators",
                columns: new[] { "JsnaContributionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Jsnas_HwbCode_Year",
                schema: "local_government",
                table: "Jsnas",
                columns: new[] { "HwbCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoolContributions_PoolCode_PartnerCode_Year",
                schema: "local_government",
                table: "PoolContributions",
                columns: new[] { "PoolCode", "PartnerCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoolExpenditure_PoolCode_Year_Month",
                schema: "local_government",
                table: "PoolExpenditure",
                columns: new[] { "PoolCode", "Year", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PoolPartners_PartnerCode",
                schema: "local_government",
                table: "PoolPartners",
                column: "PartnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_PooledBudgets_HostCode",
                schema: "local_government",
                table: "PooledBudgets",
                column: "HostCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HwbMembers",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "JsnaIndicators",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "PoolContributions",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "PoolExpenditure",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "PoolPartners",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "JsnaContributions",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "PooledBudgets",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "Jsnas",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "HealthAndWellbeingBoards",
                schema: "local_government");

            migrationBuilder.DropTable(
                name: "LocalAuthorities",
                schema: "local_government");
        }
    }
}
