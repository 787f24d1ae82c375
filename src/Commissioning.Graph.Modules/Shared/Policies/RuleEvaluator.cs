using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Directory;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// Decides a <see cref="Grant"/> for one entity in memory: a loaded entity through its <see cref="GovernedShape"/>, a
/// reference through the shape of its type (<see cref="GovernedShapes.References"/>). Relationship facts come from the
/// directory only (<see cref="DirectoryLookups"/>, batched per request); <see cref="TryDecide"/> settles what needs no lookup.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>The decision when the entity's own columns settle it; null when a directory lookup is needed.</summary>
    public static bool? TryDecide(Grant grant, GovernedShape shape, object entity, string caller) => grant switch
    {
        OwnerGrant => shape.Owner is ColumnSource c ? Equals(shape.Read(c.Column, entity) as string, caller) : null,
        BoardGrant => caller == PolicyRules.NhsCommissioningBoardCode,
        PublishedGrant => IsPublished(shape, entity),
        DraftGrant d => IsDraft(shape, entity) != d.Draft ? false : TryDecide(d.Grant, shape, entity, caller),
        TypeGrant t => shape.TypeName != t.TypeName ? false : TryDecide(t.Grant, shape, entity, caller),
        PartyGrant p => shape.Subjects.ContainsKey(p.Role) ? null : false,
        PartyViaGrant p => shape.Subjects.ContainsKey(p.Role) ? null : false,
        SubjectOfGrant s => shape.Subjects.ContainsKey(s.Role) ? null : false,
        SubjectGrant s => shape.Subjects.GetValueOrDefault(s.Role) switch
        {
            ColumnSource c => Equals(shape.Read(c.Column, entity) as string, caller),
            null => false,
            _ => null,
        },
        AnyGrant any => Any(any.Grants.Select(g => TryDecide(g, shape, entity, caller))),
        _ => false,
    };

    private static bool? Any(IEnumerable<bool?> decisions)
    {
        var unknown = false;
        foreach (var d in decisions)
        {
            if (d == true) return true;
            if (d is null) unknown = true;
        }
        return unknown ? null : false;
    }

    public static async ValueTask<bool> DecideAsync(Grant grant, GovernedShape shape, object entity, string caller, IResolveContext ctx)
    {
        switch (grant)
        {
            case OwnerGrant:
                return await OwnerAsync(shape, entity, ctx) == caller;
            case BoardGrant:
                return caller == PolicyRules.NhsCommissioningBoardCode;
            case PublishedGrant:
                return IsPublished(shape, entity);
            case DraftGrant d:
                return IsDraft(shape, entity) == d.Draft && await DecideAsync(d.Grant, shape, entity, caller, ctx);
            case TypeGrant t:
                return shape.TypeName == t.TypeName && await DecideAsync(t.Grant, shape, entity, caller, ctx);
            case AnyGrant any:
                // All at once, so that their lookups share batches.
                var all = await Task.WhenAll(any.Grants.Select(g => DecideAsync(g, shape, entity, caller, ctx).AsTask()));
                return all.Any(x => x);
            case PartyGrant p:
            {
                var subjects = await SubjectsAsync(shape, entity, p.Role, ctx);
                return await HoldsAsync(ctx, caller, p.Kind, subjects, YearOf(shape, entity, ctx));
            }
            case PartyViaGrant p:
            {
                var linked = await DirectoryLookups.PartiesAsync(ctx, await SubjectsAsync(shape, entity, p.Role, ctx), p.Link);
                return await HoldsAsync(ctx, caller, p.Kind, linked, YearOf(shape, entity, ctx));
            }
            case SubjectGrant s:
                return (await SubjectsAsync(shape, entity, s.Role, ctx)).Contains(caller);
            case SubjectOfGrant s:
            {
                var parties = await SubjectsAsync(shape, entity, s.Role, ctx);
                if (parties.Count == 0) return false;
                var year = YearOf(shape, entity, ctx);
                var facts = (await DirectoryLookups.FactsOfSubject(ctx).LoadAsync(caller)).OrEmpty();
                return facts.Any(f => f.Kind == s.Kind && parties.Contains(f.PartyCode) && f.HeldIn(year));
            }
            default:
                return false;
        }
    }

    private static async ValueTask<bool> HoldsAsync(IResolveContext ctx, string caller, RelationshipKind kind, IReadOnlyList<string> subjects, string year)
    {
        if (subjects.Count == 0) return false;
        var held = (await DirectoryLookups.FactsOfParty(ctx).LoadAsync(caller)).OrEmpty();
        return held.Any(f => f.Kind == kind && subjects.Contains(f.SubjectCode) && f.HeldIn(year));
    }

    /// <summary>The owner of an entity: a column, or the directory's party of one of its subjects.</summary>
    public static async ValueTask<string?> OwnerAsync(GovernedShape shape, object entity, IResolveContext ctx) => shape.Owner switch
    {
        ColumnSource c => shape.Read(c.Column, entity) as string,
        ViaSource v => (await DirectoryLookups.PartiesAsync(ctx, await SubjectsAsync(shape, entity, v.From, ctx), v.Link)).FirstOrDefault(),
        _ => null,
    };

    /// <summary>The owner when a column holds it (no lookup); false when it needs the directory.</summary>
    public static bool TryOwner(GovernedShape shape, object entity, out string? owner)
    {
        owner = shape.Owner is ColumnSource c ? shape.Read(c.Column, entity) as string : null;
        return shape.Owner is ColumnSource;
    }

    public static async ValueTask<IReadOnlyList<string>> SubjectsAsync(GovernedShape shape, object entity, SubjectRole role, IResolveContext ctx) =>
        shape.Subjects.GetValueOrDefault(role) switch
        {
            ColumnSource c => shape.Read(c.Column, entity) is string s ? [s] : [],
            ViaSource v => await DirectoryLookups.PartiesAsync(ctx, await SubjectsAsync(shape, entity, v.From, ctx), v.Link),
            HeldBySource h => await DirectoryLookups.SubjectsOfAsync(ctx, await SubjectsAsync(shape, entity, h.From, ctx), h.Link),
            _ => [],
        };

    public static bool IsDraft(GovernedShape shape, object entity) => shape.Draft is { } d && shape.Read(d, entity) is true;

    public static bool IsPublished(GovernedShape shape, object entity) => shape.Published is { } p && shape.Read(p, entity) is true;

    public static string YearOf(GovernedShape shape, object entity, IResolveContext ctx) =>
        shape.Year is { } y && shape.Read(y, entity) is string year ? year : DirectoryLookups.CurrentYear(ctx);
}
