using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "commissioning");

            migrationBuilder.CreateTable(
                name: "CommissioningDecisions",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Rationale = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissioningDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommissioningPlans",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissioningPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConflictOfInterestDeclarations",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Interest = table.Column<string>(type: "text", nullable: false),
                    Mitigation = table.Column<string>(type: "text", nullable: true),
                    DeclaredOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConflictOfInterestDeclarations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FinancialReturns",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RunningCostsPlan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RunningCostsYearToDate = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RunningCostsForecastOutturn = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CapitalPlan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CapitalYearToDate = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CapitalForecastOutturn = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    QueryReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinancialReturns", x => x.Id);
                    table.CheckConstraint("CK_FinancialReturns_Month", "\"Month\" BETWEEN 1 AND 12");
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "FinancialReturnLines",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FinancialReturnId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Plan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    YearToDateActual = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ForecastOutturn = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinancialReturnLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FinancialReturnLines_FinancialReturns_FinancialReturnId",
                        column: x => x.FinancialReturnId,
                        principalSchema: "commissioning",
                        principalTable: "FinancialReturns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeBreakdownLines",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FinancialReturnId = table.Column<int>(type: "integer", nullable: false),
                    PracticeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Plan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    YearToDateActual = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ForecastOutturn = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeBreakdownLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeBreakdownLines_FinancialReturns_FinancialReturnId",
                        column: x => x.FinancialReturnId,
                        principalSchema: "commissioning",
                        principalTable: "FinancialReturns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Consortia",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Area = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Constitution_AccountableOfficer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Constitution_ChiefFinanceOfficer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Constitution_CaldicottGuardian = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Constitution_SeniorInformationRiskOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Constitution_DecisionMaking = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Constitution_ConflictsOfInterestPolicy = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AuthorisationStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RegisteredPopulation = table.Column<int>(type: "integer", nullable: false),
                    UnregisteredPopulation = table.Column<int>(type: "integer", nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consortia", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Consortia_Organisations_Code",
                        column: x => x.Code,
                        principalSchema: "commissioning",
                        principalTable: "Organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GpPractices",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ListSize = table.Column<int>(type: "integer", nullable: false),
                    PrescribingSpend = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GpPractices", x => x.Code);
                    table.ForeignKey(
                        name: "FK_GpPractices_Organisations_Code",
                        column: x => x.Code,
                        principalSchema: "commissioning",
                        principalTable: "Organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProviderType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Providers_Organisations_Code",
                        column: x => x.Code,
                        principalSchema: "commissioning",
                        principalTable: "Organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HwbMemberships",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HwbCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "ConsortiumMemberships",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PracticeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsortiumMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsortiumMemberships_Consortia_ConsortiumCode",
                        column: x => x.ConsortiumCode,
                        principalSchema: "commissioning",
                        principalTable: "Consortia",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsortiumMemberships_GpPractices_PracticeCode",
                        column: x => x.PracticeCode,
                        principalSchema: "commissioning",
                        principalTable: "GpPractices",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Contracts",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommissionerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ServiceArea = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AnnualValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ActivityPlan = table.Column<int>(type: "integer", nullable: false),
                    ActivityUnit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CquinSharePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contracts", x => x.Code);
                    table.ForeignKey(
                        name: "FK_Contracts_Providers_ProviderCode",
                        column: x => x.ProviderCode,
                        principalSchema: "commissioning",
                        principalTable: "Providers",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeadCommissioningArrangements",
                schema: "commissioning",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeadConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ServiceAreas = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LeadActivity = table.Column<int>(type: "integer", nullable: false),
                    LeadCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadCommissioningArrangements", x => x.Code);
                    table.ForeignKey(
                        name: "FK_LeadCommissioningArrangements_Providers_ProviderCode",
                        column: x => x.ProviderCode,
                        principalSchema: "commissioning",
                        principalTable: "Providers",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContractPerformance",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ActivityActual = table.Column<int>(type: "integer", nullable: false),
                    CostActual = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CquinAchievedPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractPerformance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractPerformance_Contracts_ContractCode",
                        column: x => x.ContractCode,
                        principalSchema: "commissioning",
                        principalTable: "Contracts",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArrangementAssociates",
                schema: "commissioning",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArrangementCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ConsortiumCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SharePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Activity = table.Column<int>(type: "integer", nullable: false),
                    Cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrangementAssociates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrangementAssociates_LeadCommissioningArrangements_Arrange~",
                        column: x => x.ArrangementCode,
                        principalSchema: "commissioning",
                        principalTable: "LeadCommissioningArrangements",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArrangementContracts",
                schema: "commissioning",
                columns: table => new
                {
                    ArrangementCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContractCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrangementContracts", x => new { x.ArrangementCode, x.ContractCode });
                    table.ForeignKey(
                        name: "FK_ArrangementContracts_Contracts_ContractCode",
                        column: x => x.ContractCode,
                        principalSchema: "commissioning",
                        principalTable: "Contracts",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrangementContracts_LeadCommissioningArrangements_Arrangem~",
                        column: x => x.ArrangementCode,
                        principalSchema: "commissioning",
                        principalTable: "LeadCommissioningArrangements",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrangementAssociates_ArrangementCode_ConsortiumCode",
                schema: "commissioning",
                table: "ArrangementAssociates",
                columns: new[] { "ArrangementCode", "ConsortiumCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArrangementAssociates_ConsortiumCode",
                schema: "commissioning",
                table: "ArrangementAssociates",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_ArrangementContracts_ContractCode",
                schema: "commissioning",
                table: "ArrangementContracts",
                column: "ContractCode");

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningDecisions_ConsortiumCode",
                schema: "commissioning",
                table: "CommissioningDecisions",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningDecisions_Reference",
                schema: "commissioning",
                table: "CommissioningDecisions",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningPlans_ConsortiumCode_Year",
                schema: "commissioning",
                table: "CommissioningPlans",
                columns: new[] { "ConsortiumCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConflictOfInterestDeclarations_ConsortiumCode",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_ConsortiumMemberships_ConsortiumCode",
                schema: "commissioning",
                table: "ConsortiumMemberships",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_ConsortiumMemberships_PracticeCode_From",
                schema: "commissioning",
                table: "ConsortiumMemberships",
                columns: new[] { "PracticeCode", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractPerformance_ContractCode_Year_Month",
                schema: "commissioning",
                table: "ContractPerformance",
                columns: new[] { "ContractCode", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_CommissionerCode",
                schema: "commissioning",
                table: "Contracts",
                column: "CommissionerCode");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_ProviderCode",
                schema: "commissioning",
                table: "Contracts",
                column: "ProviderCode");

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturnLines_FinancialReturnId_Category",
                schema: "commissioning",
                table: "FinancialReturnLines",
                columns: new[] { "FinancialReturnId", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_ConsortiumCode_Year_Month_Version",
                schema: "commissioning",
                table: "FinancialReturns",
                columns: new[] { "ConsortiumCode", "Year", "Month", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_Status",
                schema: "commissioning",
                table: "FinancialReturns",
                column: "Status");

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

            migrationBuilder.CreateIndex(
                name: "IX_LeadCommissioningArrangements_LeadConsortiumCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                column: "LeadConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_LeadCommissioningArrangements_ProviderCode",
                schema: "commissioning",
                table: "LeadCommissioningArrangements",
                column: "ProviderCode");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Kind",
                schema: "commissioning",
                table: "Organisations",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeBreakdownLines_FinancialReturnId_PracticeCode",
                schema: "commissioning",
                table: "PracticeBreakdownLines",
                columns: new[] { "FinancialReturnId", "PracticeCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeBreakdownLines_PracticeCode",
                schema: "commissioning",
                table: "PracticeBreakdownLines",
                column: "PracticeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrangementAssociates",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "ArrangementContracts",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "CommissioningDecisions",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "CommissioningPlans",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "ConflictOfInterestDeclarations",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "ConsortiumMemberships",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "ContractPerformance",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "FinancialReturnLines",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "HwbMemberships",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "PracticeBreakdownLines",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "LeadCommissioningArrangements",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "GpPractices",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "Contracts",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "Consortia",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "FinancialReturns",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "Providers",
                schema: "commissioning");

            migrationBuilder.DropTable(
                name: "Organisations",
                schema: "commissioning");
        }
    }
}
