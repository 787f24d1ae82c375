using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PoolAgreementsAndConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreementReviewOn",
                schema: "local_government",
                table: "PooledBudgets",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AgreementSignedOn",
                schema: "local_government",
                table: "PooledBudgets",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GoverningBoard",
                schema: "local_government",
                table: "PooledBudgets",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            // Pools recorded before agreements were modelled are pooled funds.
            migrationBuilder.AddColumn<string>(
                name: "PoolKind",
                schema: "local_government",
                table: "PooledBudgets",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "PooledFund");

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                schema: "local_government",
                table: "PoolContributions",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgreementReviewOn",
                schema: "local_government",
                table: "PooledBudgets");

            migrationBuilder.DropColumn(
                name: "AgreementSignedOn",
                schema: "local_government",
                table: "PooledBudgets");

            migrationBuilder.DropColumn(
                name: "GoverningBoard",
                schema: "local_government",
                table: "PooledBudgets");

            migrationBuilder.DropColumn(
                name: "PoolKind",
                schema: "local_government",
                table: "PooledBudgets");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                schema: "local_government",
                table: "PoolContributions");
        }
    }
}
