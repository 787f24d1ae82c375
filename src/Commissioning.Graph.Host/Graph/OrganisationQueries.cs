using System.Buffers.Text;
using System.Text;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.Shared;

namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// <c>Query.organisation(code)</c> and <c>Query.organisations(kind, first, after)</c> across modules, in
/// one-process mode. Organisations live in three modules, so no module can answer alone:
/// <c>organisation</c> asks the entity resolver of each type implementing <c>Organisation</c> (its owning
/// module's) for the code, and <c>organisations</c> merges the lists of every module that is an
/// <see cref="IOrganisationDirectory"/>, ordered by code, the cursor being the last code seen.
/// </summary>
public static class OrganisationQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static void Configure(SchemaBuilder builder, EntityDirectory entities, IReadOnlyList<IOrganisationDirectory> directories) => builder
        .ResolveAsync("Query.organisation", async context =>
        {
            var code = (string)context.Arguments["code"]!;
            if (context.Schema.GetType("Organisation") is not InterfaceType organisation) return null;
            foreach (var type in context.Schema.GetPossibleTypes(organisation))
            {
                if (!entities.CanResolve(type.Name)) continue;
                if (await entities.ResolveByKeyAsync(type.Name, code, context) is { } found) return found;
            }
            return null;
        })
        .ResolveAsync("Query.organisations", async context => await ListAsync(context, directories));

    private static async ValueTask<object?> ListAsync(IResolveContext context, IReadOnlyList<IOrganisationDirectory> directories)
    {
        var kind = context.Arguments.GetValueOrDefault("kind") as string;
        var first = context.Arguments.GetValueOrDefault("first") is int f ? f : DefaultPageSize;
        if (first < 0 || first > MaxPageSize)
            throw new GraphQLException(new GraphQLError($"\"first\" must be between 0 and {MaxPageSize}.", null, context.Path,
                new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
        var after = context.Arguments.GetValueOrDefault("after") is string cursor ? DecodeCursor(cursor) : null;

        var all = new List<OrganisationEntry>();
        foreach (var directory in directories) all.AddRange(await directory.ListOrganisationsAsync(kind, context));
        all.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var start = after is null ? 0 : all.FindIndex(e => string.CompareOrdinal(e.Code, after) > 0);
        if (start < 0) start = all.Count;
        var page = all.Skip(start).Take(first).ToList();

        var edges = page.Select(e => (object?)new Dictionary<string, object?>
        {
            ["cursor"] = EncodeCursor(e.Code),
            ["node"] = EntityTypename.Remember(e.Value, e.TypeName),
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["edges"] = edges,
            ["nodes"] = page.Select(e => e.Value).ToList(),
            ["pageInfo"] = new Dictionary<string, object?>
            {
                ["hasNextPage"] = start + page.Count < all.Count,
                ["hasPreviousPage"] = start > 0,
                ["startCursor"] = page.Count > 0 ? EncodeCursor(page[0].Code) : null,
                ["endCursor"] = page.Count > 0 ? EncodeCursor(page[^1].Code) : null,
            },
            ["totalCount"] = all.Count,
        };
    }

    private static string EncodeCursor(string code) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("code:" + code));

    private static string DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("code:", StringComparison.Ordinal)) return text[5..];
        }
        catch (FormatException) { }
        throw new GraphQLException(new GraphQLError("\"after\" is not a cursor this field returned.", null, null,
            new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
    }
}
