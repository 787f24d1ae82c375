using Commissioning.Graph.Engine.Federation;

namespace Commissioning.Graph.Host.Tests;

/// <summary>Two small modules shaped like the real ones: one owns Consortium, the other extends it by key.</summary>
internal static class FakeModules
{
    public sealed record Consortium(string Code, string Name);
    public sealed record Board(string Code, string Name);

    public static readonly Dictionary<string, Consortium> Consortia = new()
    {
        ["01A"] = new("01A", "Northvale North Commissioning Consortium"),
        ["02B"] = new("02B", "Northvale South Commissioning Consortium"),
    };

    public static ComposableModule Registry() => new(
        "commissioning",
        """
        type Consortium implements Node & Organisation @key(fields: "code") {
          id: ID!
          code: ID!
          name: String! @authenticated
          kind: OrganisationKind!
        }
        extend type Query {
          consortium(code: ID!): Consortium @authenticated
        }
        """,
        b => b.Resolve("Query.consortium", ctx => Consortia.GetValueOrDefault((string)ctx.Arguments["code"]!))
              .Resolve<Consortium>("Consortium.kind", _ => "CONSORTIUM"),
        new Dictionary<string, EntityResolverFunc>
        {
            ["Consortium"] = (rep, _) => new ValueTask<object?>(Consortia.GetValueOrDefault((string)rep["code"]!)),
        });

    public static ComposableModule LocalGovernment() => new(
        "local-government",
        """
        type HealthAndWellbeingBoard implements Node & Organisation @key(fields: "code") {
          id: ID!
          code: ID!
          name: String!
          kind: OrganisationKind!
        }
        extend type Consortium @key(fields: "code") {
          code: ID! @external
          hwbs: [HealthAndWellbeingBoard!]! @authenticated
        }
        extend type Query {
          healthAndWellbeingBoard(code: ID!): HealthAndWellbeingBoard @authenticated
        }
        """,
        b => b.Resolve("Consortium.hwbs", ctx => ctx.Source switch
              {
                  Consortium { Code: "01A" } => new[] { new Board("HWB-E10000001", "Northvale HWB") },
                  Consortium => new[] { new Board("HWB-E10000001", "Northvale HWB"), new Board("HWB-E06000002", "Riverside HWB") },
                  _ => null,
              })
              .Resolve<Board>("HealthAndWellbeingBoard.kind", _ => "HEALTH_AND_WELLBEING_BOARD"),
        new Dictionary<string, EntityResolverFunc>
        {
            // A subgraph that only extends Consortium gets the representation itself as the source.
            ["Consortium"] = (rep, _) => new ValueTask<object?>(new Consortium((string)rep["code"]!, "")),
            ["HealthAndWellbeingBoard"] = (rep, _) => new ValueTask<object?>(rep["code"] is "HWB-E10000001" ? new Board("HWB-E10000001", "Northvale HWB") : null),
        });
}
