using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Federation;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Lists;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Graph.Modules.NhsCb.Graph;

/// <summary>
/// The nhs-cb subgraph: the NHS Commissioning Board, allocations, assurance assessments and
/// interventions; it adds <c>allocation</c>, <c>assurance</c> and <c>interventions</c> to the
/// commissioning subgraph's <c>Consortium</c>. SDL: <c>nhs-cb.graphql</c>.
/// </summary>
public sealed class NhsCbGraphModule : IGraphModule
{
    public const string ModuleName = "nhs-cb";
    private static readonly Lazy<string> SdlText = new(() => GraphModuleResources.ReadSdl("nhs-cb.graphql"));

    public string Name => ModuleName;
    public string Sdl => SdlText.Value;

    public void Configure(SchemaBuilder builder)
    {
        builder
            .ResolveAsync("Query.nhsCommissioningBoard", async ctx =>
            {
                await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ctx.CancellationToken);
                return await db.Boards.AsNoTracking().OrderBy(b => b.Code).FirstOrDefaultAsync(ctx.CancellationToken);
            })
            .ResolveAsync("Query.allocations", async ctx =>
            {
                var year = (string)ctx.Arguments["year"]!;
                await using var db = await ctx.DbFactory<NhsCbDbContext>().CreateDbContextAsync(ctx.CancellationToken);
                var allocations = db.Allocations.AsNoTracking().Where(a => a.Year == year);
                // Only the allocations the caller may read (self or nhscb) are loaded; the field's policy still checks each.
                allocations = await allocations.WhereVisibleAsync(GovernedShapes.Allocation, ctx, "self", "nhscb");
                return await allocations.OrderBy(a => a.ConsortiumCode).ToListAsync(ctx.CancellationToken);
            })
            .IsTypeOf("NhsCommissioningBoard", (v, _) => v is NhsCommissioningBoard or EntityReference { TypeName: "NhsCommissioningBoard" })
            .Resolve<NhsCommissioningBoard>("NhsCommissioningBoard.id", b => GlobalId.Encode("NhsCommissioningBoard", b.Code))
            .Resolve<NhsCommissioningBoard>("NhsCommissioningBoard.kind", _ => "NHS_COMMISSIONING_BOARD")
            .Resolve<Allocation>("Allocation.consortium", a => new EntityReference("Consortium", a.ConsortiumCode))
            .Resolve<AssuranceAssessment>("AssuranceAssessment.consortium", a => new EntityReference("Consortium", a.ConsortiumCode))
            .Resolve<AssuranceAssessment>("AssuranceAssessment.rating", a => GraphValues.EnumName(a.Rating))
            .ResolveAsync<AssuranceAssessment>("AssuranceAssessment.dutyFindings", async (assessment, ctx) =>
            {
                var findings = (await NhsCbLoaders.DutyFindingsByAssessment(ctx).LoadAsync(assessment.Id)).OrEmpty();
                foreach (var f in findings) f.Of = new ConsortiumYear(assessment.ConsortiumCode, assessment.Year);
                return findings;
            })
            .ResolveAsync<AssuranceAssessment>("AssuranceAssessment.checkpoints", async (assuranceAssessment, ctx) =>
                (await NhsCbLoaders.CheckpointsByAssessment(ctx).LoadAsync(assuranceAssessment.Id)).OrEmpty())
            .Resolve<DutyFinding>("DutyFinding.duty", f => GraphEnum.Name(f.Duty))
            .Resolve<DutyFinding>("DutyFinding.rating", f => GraphEnum.Name(f.Rating))
            .ResolveAsync<DutyFinding>("DutyFinding.evidence", async (finding, ctx) =>
            {
                // The evidence is the assessed consortium's, for that year and duty.
                if (finding.Of is not { } of) return Array.Empty<DutyEvidence>();
                var all = (await NhsCbLoaders.DutyEvidenceByConsortiumAndYear(ctx).LoadAsync(of)).OrEmpty();
                return all.Where(e => e.Duty == finding.Duty).ToList();
            })
            .Resolve<DutyEvidence>("DutyEvidence.consortium", e => new EntityReference("Consortium", e.ConsortiumCode))
            .Resolve<DutyEvidence>("DutyEvidence.duty", e => GraphEnum.Name(e.Duty))
            .ResolveAsync("Consortium.dutyEvidence", async ctx =>
                (await NhsCbLoaders.DutyEvidenceByConsortiumAndYear(ctx).LoadAsync(new(EntityReference.CodeOf(ctx.Source), (string)ctx.Arguments["year"]!))).OrEmpty())
            .Resolve<Intervention>("Intervention.consortium", i => new EntityReference("Consortium", i.ConsortiumCode))
            .Resolve<Intervention>("Intervention.kind", i => GraphValues.EnumName(i.Kind))
            .Resolve<Intervention>("Intervention.active", i => i.EndedOn is null)
            .ResolveAsync("Consortium.allocation", async ctx =>
                await NhsCbLoaders.AllocationByConsortiumAndYear(ctx).LoadAsync(new(EntityReference.CodeOf(ctx.Source), (string)ctx.Arguments["year"]!)))
            .ResolveAsync("Consortium.assurance", async ctx =>
                await NhsCbLoaders.AssuranceByConsortiumAndYear(ctx).LoadAsync(new(EntityReference.CodeOf(ctx.Source), (string)ctx.Arguments["year"]!)))
            .ResolveAsync("Consortium.interventions", async ctx =>
            {
                var all = (await NhsCbLoaders.InterventionsByConsortium(ctx).LoadAsync(EntityReference.CodeOf(ctx.Source))).OrEmpty();
                return ctx.Arguments.TryGetValue("activeOnly", out var a) && a is true ? all.Where(i => i.EndedOn is null).ToList() : all;
            });
        NhsCbMutations.Configure(builder);
        AuthorisationAndInformation.Configure(builder);
        OutcomesGraph.Configure(builder);
    }

    public IReadOnlyDictionary<string, EntityResolver> EntityResolvers { get; } = new Dictionary<string, EntityResolver>
    {
        ["NhsCommissioningBoard"] = async (rep, ctx) => await NhsCbLoaders.BoardByCode(ctx).LoadAsync(EntityReference.CodeOf(rep)),
        // This module only extends Consortium: its fields need nothing but the key.
        ["Consortium"] = (rep, _) => ValueTask.FromResult<object?>(new EntityReference("Consortium", EntityReference.CodeOf(rep))),
        // Referenced by key only (a quality premium share's practice).
        ["GpPractice"] = (rep, _) => ValueTask.FromResult<object?>(new EntityReference("GpPractice", EntityReference.CodeOf(rep))),
    };
}

/// <summary>The module's DataLoaders: one SQL statement per batch on a short-lived, non-tracking context.</summary>
internal static class NhsCbLoaders
{
    public static DataLoader<string, NhsCommissioningBoard> BoardByCode(IResolveContext ctx) =>
        Loader<string, NhsCommissioningBoard>(ctx, "nhscb.boardByCode", async (db, codes, ct) =>
            (await db.Boards.Where(b => codes.Contains(b.Code)).ToListAsync(ct)).ToDictionary(b => b.Code));

    public static DataLoader<ConsortiumYear, Allocation> AllocationByConsortiumAndYear(IResolveContext ctx)
    {
        var factory = ctx.DbFactory<NhsCbDbContext>();
        return ctx.GetDataLoader<ConsortiumYear, Allocation>("nhscb.allocationByConsortiumAndYear", async (keys, ct) =>
            (await NhsCbAllocationLookup.QueryAsync(factory, keys, ct)).ToDictionary(a => new ConsortiumYear(a.ConsortiumCode, a.Year)));
    }

    // The loaders below read the columns the field's selection needs (NhsCbProjections); each projection batches in its
    // own loader (the projection is part of its name), so a partial row never reaches a reader that needs more.

    public static DataLoader<ConsortiumYear, AssuranceAssessment> AssuranceByConsortiumAndYear(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, NhsCbProjections.AssuranceAssessment);
        return Loader<ConsortiumYear, AssuranceAssessment>(ctx, $"nhscb.assuranceByConsortiumAndYear|{projection}", async (db, keys, ct) =>
        {
            var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var rows = await projection.Apply(db.AssuranceAssessments.Where(a => codes.Contains(a.ConsortiumCode) && years.Contains(a.Year))).ToListAsync(ct);
            return rows.ToDictionary(a => new ConsortiumYear(a.ConsortiumCode, a.Year));
        });
    }

    public static DataLoader<int, IReadOnlyList<DutyFinding>> DutyFindingsByAssessment(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, NhsCbProjections.DutyFinding);
        return Loader<int, IReadOnlyList<DutyFinding>>(ctx, $"nhscb.dutyFindingsByAssessment|{projection}", async (db, ids, ct) =>
            (await projection.Apply(db.DutyFindings.Where(f => ids.Contains(f.AssessmentId))).ToListAsync(ct))
            .OrderBy(f => f.AssessmentId).ThenBy(f => f.Duty).ToList().GroupByKey(f => f.AssessmentId));
    }

    public static DataLoader<int, IReadOnlyList<AssuranceCheckpoint>> CheckpointsByAssessment(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, NhsCbProjections.Checkpoint);
        return Loader<int, IReadOnlyList<AssuranceCheckpoint>>(ctx, $"nhscb.checkpointsByAssessment|{projection}", async (db, ids, ct) =>
            (await projection.Apply(db.AssuranceCheckpoints.Where(c => ids.Contains(c.AssessmentId)).OrderBy(c => c.AssessmentId).ThenBy(c => c.Quarter)).ToListAsync(ct))
            .GroupByKey(c => c.AssessmentId));
    }

    /// <summary>A consortium's evidence for a year, every duty, in the order of <see cref="StatutoryDuty"/>.</summary>
    public static DataLoader<ConsortiumYear, IReadOnlyList<DutyEvidence>> DutyEvidenceByConsortiumAndYear(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, NhsCbProjections.DutyEvidence);
        return Loader<ConsortiumYear, IReadOnlyList<DutyEvidence>>(ctx, $"nhscb.dutyEvidenceByConsortiumAndYear|{projection}", async (db, keys, ct) =>
        {
            var codes = keys.Select(k => k.ConsortiumCode).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var rows = await projection.Apply(db.DutyEvidence.Where(e => codes.Contains(e.ConsortiumCode) && years.Contains(e.Year))).ToListAsync(ct);
            return rows.OrderBy(e => e.Duty).ToList().GroupByKey(e => new ConsortiumYear(e.ConsortiumCode, e.Year));
        });
    }

    public static DataLoader<string, IReadOnlyList<Intervention>> InterventionsByConsortium(IResolveContext ctx)
    {
        var projection = Projection.Of(ctx, NhsCbProjections.Intervention);
        return Loader<string, IReadOnlyList<Intervention>>(ctx, $"nhscb.interventionsByConsortium|{projection}", async (db, codes, ct) =>
            (await projection.Apply(db.Interventions.Where(i => codes.Contains(i.ConsortiumCode))
                .OrderBy(i => i.ConsortiumCode).ThenByDescending(i => i.StartedOn).ThenByDescending(i => i.Id)).ToListAsync(ct))
            .GroupByKey(i => i.ConsortiumCode));
    }

    private static DataLoader<TKey, TValue> Loader<TKey, TValue>(IResolveContext ctx, string name,
        Func<NhsCbDbContext, List<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> query) where TKey : notnull =>
        ctx.DbLoader(ctx.DbFactory<NhsCbDbContext>(), name, query);
}
