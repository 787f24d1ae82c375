using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

/// <summary>
/// What the fields of the module's types read of their rows (<see cref="Projection"/>): a field not named here reads the
/// member named like it. Every projection reads the key, the governed columns (owner, year) and what the loaders group
/// and filter by.
/// </summary>
internal static class NhsCbProjections
{
    // Keyed by (consortium, year); dutyFindings hands both to each finding's evidence.
    public static readonly ProjectionShape<AssuranceAssessment> AssuranceAssessment =
        new ProjectionShape<AssuranceAssessment>("AssuranceAssessment", a => a.Id, GovernedShapes.AssuranceAssessment)
            .AlwaysReads(a => a.ConsortiumCode, a => a.Year)
            .NeedsNothing("consortium", "dutyFindings", "checkpoints");

    // Grouped by assessment, ordered by duty; evidence is matched by the duty.
    public static readonly ProjectionShape<DutyFinding> DutyFinding = new ProjectionShape<DutyFinding>("DutyFinding", f => f.Id, null)
        .AlwaysReads(f => f.AssessmentId, f => f.Duty)
        .NeedsNothing("evidence");

    public static readonly ProjectionShape<AssuranceCheckpoint> Checkpoint = new ProjectionShape<AssuranceCheckpoint>("AssuranceCheckpoint", c => c.Id, null)
        .AlwaysReads(c => c.AssessmentId, c => c.Quarter);

    // Grouped by (consortium, year), ordered and filtered by duty.
    public static readonly ProjectionShape<DutyEvidence> DutyEvidence = new ProjectionShape<DutyEvidence>("DutyEvidence", e => e.Id, GovernedShapes.DutyEvidence)
        .AlwaysReads(e => e.ConsortiumCode, e => e.Year, e => e.Duty)
        .NeedsNothing("consortium");

    // Grouped by consortium; activeOnly filters on the end date.
    public static readonly ProjectionShape<Intervention> Intervention = new ProjectionShape<Intervention>("Intervention", i => i.Id, GovernedShapes.Intervention)
        .AlwaysReads(i => i.ConsortiumCode, i => i.EndedOn)
        .Needs("transferredTo", i => i.TransferredToCode)
        .NeedsNothing("consortium", "active");
}
