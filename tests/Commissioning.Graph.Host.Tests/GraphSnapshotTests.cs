using System.Net.Http.Json;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Host.Graph;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace Commissioning.Graph.Host.Tests;

/// <summary>
/// Snapshots (Snapshooter, files in <c>__snapshots__/</c>, committed) of what clients see: the graph's
/// SDL, its introspection, and README's "Who sees what" answered for three bodies. A change shows as a
/// failing test with a <c>__mismatch__</c> file beside the snapshot; delete the snapshot to accept it.
/// (schema/*.graphql, which the gateway composes, stay checked by <see cref="SchemaFilesTests"/>.)
/// </summary>
public sealed class GraphSnapshotTests(ServeTests.Servers servers) : IClassFixture<ServeTests.Servers>
{
    [Fact]
    public void The_graph_sdl() => Snapshot.Match(SchemaCommand.Print(module: null, federation: false));

    [Fact]
    public async Task The_graph_introspection()
    {
        var graph = CommissioningGraph.Compose(CommissioningGraph.CreateModules());
        var result = await new GraphQLEngine(graph.Schema).ExecuteAsync(IntrospectionQuery.Text);
        Assert.Null(result.Errors);
        Snapshot.Match(JToken.Parse(result.ToJson()));
    }

    private const string ReturnsOf01A = """
        query ReturnsOf01A {
          consortium(code: "01A") {
            name
            financialReturns(year: "2013-14", latestVersionOnly: true, first: 2) {
              totalCount
              nodes { month status programmeTotals { forecastOutturn } duties { allMet } }
            }
          }
        }
        """;

    [Theory]
    [InlineData("01A")]
    [InlineData("E10000001")]
    [InlineData("X24")]
    public async Task Who_sees_what_of_01As_returns(string caller)
    {
        var served = await servers.For(DatabaseProvider.Sqlite);
        using var client = served.App.GetTestClient();
        var token = served.App.Services.GetRequiredService<DevelopmentTokenAuthority>().Mint(new DevelopmentTokenRequest { Organisation = caller });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add(PurposeOfUse.HeaderName, PurposeOfUse.FinancialAssurance);

        var response = await client.PostAsJsonAsync("/graphql", new { query = ReturnsOf01A });

        Snapshot.Match(JToken.Parse(await response.Content.ReadAsStringAsync()), SnapshotNameExtension.Create(caller));
    }
}
