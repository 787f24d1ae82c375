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
/// module's) for the code, and <c>organisations</c> asks every module that is an <see cref="IOrganisationDirectory"/>
/// (and owns the kind asked for) for one page after the cursor — the last code seen — merges the pages by code
/// and keeps the first <c>first</c>. <c>totalCount</c> is counted only when selected.
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
            // Every owner is asked at once (their DataLoaders batch); the first type, in schema order, that has the code wins.
            var lookups = context.Schema.GetPossibleTypes(organisation).Where(t => entities.CanResolve(t.Name))
                .Select(t => entities.ResolveByKeyAsync(t.Name, code, context).AsTask()).ToList();
            foreach (var lookup in lookups)
                if (await lookup is { } found) return found;
            return null;
        })
        .ResolveAsync("Query.organisations", async context => await ListAsync(context, directories))
        .ResolveAsync("OrganisationConnection.totalCount", async context => await ((OrganisationPage)context.Source!).CountAsync());

    private static async ValueTask<object?> ListAsync(IResolveContext context, IReadOnlyList<IOrganisationDirectory> directories)
    {
        var kind = context.Arguments.GetValueOrDefault("kind") as string;
        var first = context.Arguments.GetValueOrDefault("first") is int f ? f : DefaultPageSize;
        if (first < 0 || first > MaxPageSize)
            throw new GraphQLException(new GraphQLError($"\"first\" must be between 0 and {MaxPageSize}.", null, context.Path,
                new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
        var after = context.Arguments.GetValueOrDefault("after") is string cursor ? DecodeCursor(cursor, context) : null;

        var owners = directories.Where(d => kind is null || d.OrganisationKinds.Contains(kind)).ToList();
        // One more than asked for tells whether a next page exists.
        var pages = owners.Select(d => d.ListOrganisationsAsync(kind, after, first + 1, context).AsTask()).ToList();
        var merged = (await Task.WhenAll(pages)).SelectMany(p => p)
            .Where(e => after is null || string.CompareOrdinal(e.Code, after) > 0)
            .OrderBy(e => e.Code, StringComparer.Ordinal).Take(first + 1).ToList();
        var page = merged.Take(first).ToList();
        foreach (var entry in page) EntityTypename.Remember(entry.Value, entry.TypeName);

        return new OrganisationPage(
            page.Select(e => new OrganisationEdge(EncodeCursor(e.Code), e.Value)).ToList(),
            page.Select(e => e.Value).ToList(),
            new OrganisationPageInfo(
                HasNextPage: merged.Count > first,
                // Paging forward from a cursor, earlier organisations exist: at least the one the cursor names.
                HasPreviousPage: after is not null,
                StartCursor: page.Count > 0 ? EncodeCursor(page[0].Code) : null,
                EndCursor: page.Count > 0 ? EncodeCursor(page[^1].Code) : null),
            async () => (await Task.WhenAll(owners.Select(d => d.CountOrganisationsAsync(kind, context).AsTask()))).Sum());
    }

    private sealed record OrganisationPage(IReadOnlyList<OrganisationEdge> Edges, IReadOnlyList<object> Nodes, OrganisationPageInfo PageInfo,
        Func<Task<int>> CountAsync);

    private sealed record OrganisationEdge(string Cursor, object Node);

    private sealed record OrganisationPageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

    private static string EncodeCursor(string code) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("code:" + code));

    private static string DecodeCursor(string cursor, IResolveContext context)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("code:", StringComparison.Ordinal)) return text[5..];
        }
        catch (FormatException) { }
        throw new GraphQLException(new GraphQLError("\"after\" is not a cursor this field returned.", null, context.Path,
            new Dictionary<string, object?> { ["code"] = "BAD_USER_INPUT" }));
    }
}
