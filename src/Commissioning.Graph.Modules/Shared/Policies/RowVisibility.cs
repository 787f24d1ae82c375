using Commissioning.Graph.Engine.Authorization;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Modules.Shared.Policies;

/// <summary>
/// The caller's visibility, for resolvers to put into their SQL (DOMAIN.md "Who may see what": "a list is
/// filtered to the items the caller may read"): rows the caller may not read are never loaded, and counts
/// count only the others. The rules mirror the policies exactly (a row kept here is one the policies allow);
/// the engine's in-memory check of each item stays as defence in depth. The caller is the request's
/// <see cref="AuthorizationSubject"/>; an execution without one (in-process tests, tools) filters nothing —
/// the server always sets one.
/// </summary>
public static class RowVisibility
{
    /// <summary>The request's subject; null when the execution carries none.</summary>
    public static AuthorizationSubject? Subject(IResolveContext ctx)
    {
        var items = ctx.Items;
        lock (items) return items.TryGetValue(AuthorizationSubject.ItemsKey, out var s) ? s as AuthorizationSubject ?? AuthorizationSubject.Anonymous : null;
    }

    /// <summary>
    /// For data readable by <c>self</c> or <c>nhscb</c> (returns, allocations, assurance, interventions): the only
    /// owner whose rows the caller may read, or null when it may read every row (the NHS CB, or no subject).
    /// An anonymous caller gets <see cref="Nobody"/>, which owns nothing.
    /// </summary>
    public static string? SelfOrNhsCbOwner(IResolveContext ctx) => Subject(ctx) switch
    {
        null => null,
        { Organisation: var o } when GovernedData.IsNhsCommissioningBoard(o) => null,
        { Organisation: { } organisation } => organisation,
        _ => Nobody,
    };

    /// <summary>An owner code that no row has.</summary>
    public const string Nobody = "";

    /// <summary>
    /// Which contributions to an HWB's JSNA the caller may read (<c>hwbPartner</c>, <c>nhscb</c>, <c>jsnaAuthor</c>):
    /// the HWB's local authority every one; a consortium member of the HWB, or the NHS CB, the submitted and
    /// accepted ones and its own drafts; any other consortium only its own; an anonymous caller none.
    /// Uses the policies' own (batched, per-request) relationship lookup.
    /// </summary>
    public static async ValueTask<JsnaContributionScope> JsnaContributionsAsync(IResolveContext ctx, string hwbCode)
    {
        switch (Subject(ctx))
        {
            case null: return JsnaContributionScope.All;
            case { Organisation: null }: return JsnaContributionScope.None;
            case { Organisation: var o } when GovernedData.IsNhsCommissioningBoard(o): return JsnaContributionScope.SubmittedOrOwn;
            case { Organisation: { } caller }:
                var parties = await GovernedData.HwbPartiesByCode(ctx).LoadAsync(hwbCode);
                if (parties?.LocalAuthority == caller) return JsnaContributionScope.All;
                return parties?.Consortia.Contains(caller) == true ? JsnaContributionScope.SubmittedOrOwn : JsnaContributionScope.OwnOnly;
        }
    }
}

/// <summary>The contributions of one JSNA a caller may read (see <see cref="RowVisibility.JsnaContributionsAsync"/>).</summary>
public enum JsnaContributionScope
{
    /// <summary>None at all.</summary>
    None,
    /// <summary>Only the caller's own (any status).</summary>
    OwnOnly,
    /// <summary>Every one that is not a draft, and the caller's own drafts.</summary>
    SubmittedOrOwn,
    /// <summary>Every one.</summary>
    All,
}
