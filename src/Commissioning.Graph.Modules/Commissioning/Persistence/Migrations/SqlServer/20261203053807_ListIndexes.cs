using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.Commissioning.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FinancialReturns_Status",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_CommissionerCode",
                schema: "commissioning",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_ProviderCode",
                schema: "commissioning",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_ConsortiumMemberships_ConsortiumCode",
                schema: "commissioning",
                table: "ConsortiumMemberships");

            migrationBuilder.DropIndex(
                name: "IX_ConflictOfInterestDeclarations_ConsortiumCode",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations");

            migrationBuilder.DropIndex(
                name: "IX_CommissioningDecisions_ConsortiumCode",
                schema: "commissioning",
                table: "CommissioningDecisions");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                schema: "commissioning",
                table: "Organisations",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_Status_Year_Month",
                schema: "commissioning",
                table: "FinancialReturns",
                columns: new[] { "Status", "Year", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_Year_ConsortiumCode_Month_Version",
                schema: "commissioning",
                table: "FinancialReturns",
                columns: new[] { "Year", "ConsortiumCode", "Month", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_CommissionerCode_Code",
                schema: "commissioning",
                table: "Contracts",
                columns: new[] { "CommissionerCode", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_ProviderCode_Code",
                schema: "commissioning",
                table: "Contracts",
                columns: new[] { "ProviderCode", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsortiumMemberships_ConsortiumCode_From",
                schema: "commissioning",
                table: "ConsortiumMemberships",
                columns: new[] { "ConsortiumCode", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Consortia_AuthorisationStatus",
                schema: "commissioning",
                table: "Consortia",
                column: "AuthorisationStatus");

            migrationBuilder.CreateIndex(
                name: "IX_Consortia_RegisteredPopulation",
                schema: "commissioning",
                table: "Consortia",
                column: "RegisteredPopulation");

            migrationBuilder.CreateIndex(
                name: "IX_ConflictOfInterestDeclarations_ConsortiumCode_DeclaredOn",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations",
                columns: new[] { "ConsortiumCode", "DeclaredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningDecisions_ConsortiumCode_DecidedOn",
                schema: "commissioning",
                table: "CommissioningDecisions",
                columns: new[] { "ConsortiumCode", "DecidedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_Name",
                schema: "commissioning",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_FinancialReturns_Status_Year_Month",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropIndex(
                name: "IX_FinancialReturns_Year_ConsortiumCode_Month_Version",
                schema: "commissioning",
                table: "FinancialReturns");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_CommissionerCode_Code",
                schema: "commissioning",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_ProviderCode_Code",
                schema: "commissioning",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_ConsortiumMemberships_ConsortiumCode_From",
                schema: "commissioning",
                table: "ConsortiumMemberships");

            migrationBuilder.DropIndex(
                name: "IX_Consortia_AuthorisationStatus",
                schema: "commissioning",
                table: "Consortia");

            migrationBuilder.DropIndex(
                name: "IX_Consortia_RegisteredPopulation",
                schema: "commissioning",
                table: "Consortia");

            migrationBuilder.DropIndex(
                name: "IX_ConflictOfInterestDeclarations_ConsortiumCode_DeclaredOn",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations");

            migrationBuilder.DropIndex(
                name: "IX_CommissioningDecisions_ConsortiumCode_DecidedOn",
                schema: "commissioning",
                table: "CommissioningDecisions");

            migrationBuilder.CreateIndex(
                name: "IX_FinancialReturns_Status",
                schema: "commissioning",
                table: "FinancialReturns",
                column: "Status");

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
                name: "IX_ConsortiumMemberships_ConsortiumCode",
                schema: "commissioning",
                table: "ConsortiumMemberships",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_ConflictOfInterestDeclarations_ConsortiumCode",
                schema: "commissioning",
                table: "ConflictOfInterestDeclarations",
                column: "ConsortiumCode");

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningDecisions_ConsortiumCode",
                schema: "commissioning",
                table: "CommissioningDecisions",
                column: "ConsortiumCode");
        }
    }
}
