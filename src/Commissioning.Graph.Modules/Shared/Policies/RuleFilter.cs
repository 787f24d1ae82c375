using System.Linq.Expressions;
using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Modules.Directory;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// Turns a <see cref="Grant"/> into the SQL predicate of a restricted list (DOMAIN.md: "a list is filtered to the items
/// the caller may read"): rows the caller may not read are never loaded and counts count only the others. It reads the
/// same definition as <see cref="RuleEvaluator"/>, walking the directory backwards from the caller — what the caller
/// holds (<see cref="DirectoryLookups.FactsOfParty"/>) — where the evaluator walks forwards from the entity; a test
/// checks that the two agree for every policy, entity type and demo organisation. The engine's in-memory check of each
/// item stays as defence in depth.
/// </summary>
public static class RuleFilter
{
    /// <summary>The request's subject; null when the execution carries none.</summary>
    public static AuthorizationSubject? Subject(IResolveContext ctx) => ctx.Scope.Subject;

    /// <summary>
    /// <paramref name="rows"/> narrowed to those the request's caller may read under any of <paramref name="policies"/>.
    /// An execution without a subject (in-process tools) filters nothing — the server always sets one; an anonymous caller reads none.
    /// </summary>
    public static async ValueTask<IQueryable<T>> WhereVisibleAsync<T>(this IQueryable<T> rows, GovernedShape<T> shape, IResolveContext ctx, params string[] policies) =>
        await PredicateAsync(shape, ctx, policies) is { } predicate ? rows.Where(predicate) : rows;

    /// <summary>The predicate of <see cref="WhereVisibleAsync"/>; null when nothing is filtered (no subject).</summary>
    public static async ValueTask<Expression<Func<T, bool>>?> PredicateAsync<T>(GovernedShape<T> shape, IResolveContext ctx, params string[] policies) =>
        Subject(ctx) switch
        {
            null => null,
            { Organisation: { } caller } => await BuildAsync(PolicyRules.AnyOf(policies), shape, caller, ctx),
            _ => _ => false,
        };

    /// <summary>The predicate: rows of <paramref name="shape"/>'s type that <paramref name="grant"/> lets <paramref name="caller"/> read.</summary>
    public static async ValueTask<Expression<Func<T, bool>>> BuildAsync<T>(Grant grant, GovernedShape<T> shape, string caller, IResolveContext ctx)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var body = await BuildAsync(grant, shape, row, caller, ctx, ownsEveryRow: false);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>
    /// What <paramref name="grant"/> decides for <paramref name="caller"/> whatever a row of <paramref name="shape"/>'s type holds: true
    /// when its predicate is the constant true (the NHS CB under <c>nhscb</c>, on a type without drafts), false when it is the constant
    /// false (no row at all), null when it depends on the row. With <paramref name="callerOwnsEveryRow"/> (a list whose every row is the
    /// caller's own), the owner rule holds. Decided from the caller and the directory alone, never from the rows: what a filter or sort
    /// may name (<c>FilterAccess</c>).
    /// </summary>
    public static async ValueTask<bool?> DecideWhateverTheRowAsync(Grant grant, GovernedShape shape, string caller, IResolveContext ctx, bool callerOwnsEveryRow = false) =>
        await BuildAsync(grant, shape, Expression.Parameter(shape.EntityType, "row"), caller, ctx, callerOwnsEveryRow) switch
        {
            var e when e == True => true,
            var e when e == False => false,
            _ => null,
        };

    private static readonly Expression True = Expression.Constant(true);
    private static readonly Expression False = Expression.Constant(false);

    private static async ValueTask<Expression> BuildAsync(Grant grant, GovernedShape shape, ParameterExpression row, string caller, IResolveContext ctx, bool ownsEveryRow)
    {
        switch (grant)
        {
            case OwnerGrant when ownsEveryRow:
                return True;
            case OwnerGrant:
                switch (shape.Owner)
                {
                    case ColumnSource c: return Expression.Equal(Bind(c.Column, row), Expression.Constant(caller, typeof(string)));
                    case ViaSource v:
                        // The subjects whose owner (the party of the fact) is the caller.
                        var owned = (await Held(ctx, caller)).Where(f => f.Kind == v.Link).Select(f => f.SubjectCode).Distinct().ToList();
                        return await SubjectIn(shape, v.From, owned, row, ctx);
                    default: return False;
                }
            case BoardGrant:
                return caller == PolicyRules.NhsCommissioningBoardCode ? True : False;
            case PublishedGrant:
                return shape.Published is { } published ? Bind(published, row) : False;
            case DraftGrant d:
            {
                var draft = shape.Draft is { } e ? Bind(e, row) : False;
                return And(d.Draft ? draft : Not(draft), await BuildAsync(d.Grant, shape, row, caller, ctx, ownsEveryRow));
            }
            case TypeGrant t:
                return shape.TypeName == t.TypeName ? await BuildAsync(t.Grant, shape, row, caller, ctx, ownsEveryRow) : False;
            case AnyGrant any:
            {
                // What needs no directory look-up first: when it already admits every row (the NHS CB), no look-up is made at all.
                Expression result = False;
                foreach (var g in any.Grants.Where(g => !NeedsDirectory(g, shape)))
                    if ((result = Or(result, await BuildAsync(g, shape, row, caller, ctx, ownsEveryRow))) == True) return True;
                foreach (var g in any.Grants.Where(g => NeedsDirectory(g, shape)))
                    result = Or(result, await BuildAsync(g, shape, row, caller, ctx, ownsEveryRow));
                return result;
            }
            case PartyGrant p:
            {
                if (!shape.Subjects.ContainsKey(p.Role)) return False;
                Expression result = False;
                foreach (var fact in (await Held(ctx, caller)).Where(f => f.Kind == p.Kind))
                    result = Or(result, And(await SubjectIn(shape, p.Role, [fact.SubjectCode], row, ctx), HeldIn(fact, shape, row, ctx)));
                return result;
            }
            case PartyViaGrant p:
            {
                if (!shape.Subjects.ContainsKey(p.Role)) return False;
                Expression result = False;
                foreach (var fact in (await Held(ctx, caller)).Where(f => f.Kind == p.Kind))
                {
                    // The subjects linked to what the caller holds (the contracts an arrangement it is party to covers).
                    var linked = await DirectoryLookups.SubjectsOfAsync(ctx, [fact.SubjectCode], p.Link);
                    result = Or(result, And(await SubjectIn(shape, p.Role, linked, row, ctx), HeldIn(fact, shape, row, ctx)));
                }
                return result;
            }
            case SubjectGrant s:
                return shape.Subjects.ContainsKey(s.Role) ? await SubjectIn(shape, s.Role, [caller], row, ctx) : False;
            case SubjectOfGrant s:
            {
                if (!shape.Subjects.ContainsKey(s.Role)) return False;
                Expression result = False;
                // What the caller is the subject of (a practice's consortium), walked back to the rows of that party.
                foreach (var fact in (await DirectoryLookups.FactsOfSubject(ctx).LoadAsync(caller)).OrEmpty().Where(f => f.Kind == s.Kind))
                    result = Or(result, And(await SubjectIn(shape, s.Role, [fact.PartyCode], row, ctx), HeldIn(fact, shape, row, ctx)));
                return result;
            }
            default:
                return False;
        }
    }

    /// <summary>Whether building <paramref name="grant"/>'s predicate reads the directory (a relationship, or an owner the directory names).</summary>
    private static bool NeedsDirectory(Grant grant, GovernedShape shape) => grant switch
    {
        PartyGrant or PartyViaGrant or SubjectOfGrant => true,
        SubjectGrant s => shape.Subjects.GetValueOrDefault(s.Role) is not (ColumnSource or null),
        OwnerGrant => shape.Owner is ViaSource,
        DraftGrant d => NeedsDirectory(d.Grant, shape),
        TypeGrant t => NeedsDirectory(t.Grant, shape),
        AnyGrant a => a.Grants.Any(g => NeedsDirectory(g, shape)),
        _ => false,
    };

    private static async ValueTask<IReadOnlyList<Relationship>> Held(IResolveContext ctx, string caller) =>
        (await DirectoryLookups.FactsOfParty(ctx).LoadAsync(caller)).OrEmpty();

    /// <summary>The row's subject of <paramref name="role"/> is one of <paramref name="codes"/>; a subject the directory
    /// links to (<see cref="ViaSource"/>) is walked back to the row's own column.</summary>
    private static async ValueTask<Expression> SubjectIn(GovernedShape shape, SubjectRole role, IReadOnlyList<string> codes, ParameterExpression row, IResolveContext ctx)
    {
        if (codes.Count == 0) return False;
        switch (shape.Subjects.GetValueOrDefault(role))
        {
            case ColumnSource c:
                var column = Bind(c.Column, row);
                return codes.Count == 1
                    ? Expression.Equal(column, Expression.Constant(codes[0], typeof(string)))
                    : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(codes.ToList()), column);
            case ViaSource v:
                return await SubjectIn(shape, v.From, await DirectoryLookups.SubjectsOfAsync(ctx, codes, v.Link), row, ctx);
            case HeldBySource h:
                // The entities whose From subject holds a Link fact over one of the codes (a plan's consortium sits on one of the HWBs).
                return await SubjectIn(shape, h.From, await DirectoryLookups.PartiesAsync(ctx, codes, h.Link), row, ctx);
            default:
                return False;
        }
    }

    /// <summary>The fact held in the financial year of the row (<see cref="Relationship.HeldIn"/> in SQL).</summary>
    private static Expression HeldIn(Relationship fact, GovernedShape shape, ParameterExpression row, IResolveContext ctx)
    {
        if (fact.FromYear is null && fact.ToYear is null) return True;
        var year = shape.Year is { } y ? Bind(y, row) : Expression.Constant(DirectoryLookups.CurrentYear(ctx), typeof(string));
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        Expression Cmp(string bound) => Expression.Call(compare, year, Expression.Constant(bound, typeof(string)));
        Expression result = True;
        if (fact.FromYear is { } from) result = And(result, Expression.GreaterThanOrEqual(Cmp(from), Expression.Constant(0)));
        if (fact.ToYear is { } to) result = And(result, Expression.LessThanOrEqual(Cmp(to), Expression.Constant(0)));
        return result;
    }

    private static Expression Bind(LambdaExpression column, ParameterExpression row) =>
        new Rebinder(column.Parameters[0], row).Visit(column.Body);

    private static Expression Not(Expression e) => e == True ? False : e == False ? True : Expression.Not(e);
    private static Expression And(Expression a, Expression b) => a == False || b == False ? False : a == True ? b : b == True ? a : Expression.AndAlso(a, b);
    private static Expression Or(Expression a, Expression b) => a == True || b == True ? True : a == False ? b : b == False ? a : Expression.OrElse(a, b);

    private sealed class Rebinder(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
