using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commissioning.Graph.Modules.LocalGovernment.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsortiumSeatsMoveToDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A consortium's seat on a board is the directory's membership fact (its one source of truth): the
            // module's copy goes. The directory gets the facts from the seed (demo) or its publisher.
            migrationBuilder.Sql(@"DELETE FROM ""HwbMembers"" WHERE ""Role"" = 'Consortium';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
