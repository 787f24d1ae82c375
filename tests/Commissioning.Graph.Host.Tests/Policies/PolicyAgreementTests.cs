using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;
using Commissioning.Graph.Host.Commands;
using Commissioning.Graph.Modules.Commissioning.Persistence;
using Commissioning.Graph.Modules.Directory.Persistence;
using Commissioning.Graph.Modules.LocalGovernment.Persistence;
using Commissioning.Graph.Modules.NhsCb.Persistence;
using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Modules.Shared.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Graph.Host.Tests.Policies;

/// <summary>The demonstration database, migrated and seeded as <c>serve</c> does (every module and the directory).</summary>
public sealed class SeededServices : IAsyncLifetime
{
    private GraphDatabase _database = null!;
    public WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await GraphDatabase.CreateAsync(DatabaseProvider.Sqlite, "agree");
        App = ServeCommand.BuildGraphServer(ServeCommand.WithDevelopmentDefault(_database.ServeArguments));
        await ServeCommand.PrepareDatabaseAsync(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Runs <paramref name="body"/> inside a resolver of a one-field schema, so that it has a request's
    /// <see cref="IResolveContext"/> (services, DataLoaders) as policies do.</summary>
    public async Task<T> InRequestAsync<T>(Func<IResolveContext, Task<T>> body)
    {
        T result = default!;
        var builder = SchemaBuilder.FromSdl("type Query { run: Boolean }");
        builder.ResolveAsync("Query.run", async ctx => { result = await body(ctx); return true; });
        await using var scope = App.Services.CreateAsyncScope();
        var execution = await Executor.ExecuteAsync(new ExecutionRequest
        {
            Schema = builder.Build(), Document = Parser.Parse("{ run }"), Services = scope.ServiceProvider,
        });
        Assert.True(execution.Errors is null or { Count: 0 }, string.Join("; ", execution.Errors?.Select(e => e.Message) ?? []));
        return result;
    }
}

/// <summary>
/// Each policy is written once (<see cref="PolicyRules"/>) and read three ways: the in-memory decision for a loaded
/// entity, the SQL filter of a restricted list, and the decision for the entity reached by its key (<c>_entities</c>).
/// For every policy, every governed entity type and every demonstration organisation, the three agree — and the
/// immediate decision, where it decides, agrees with them too.
/// </summary>
public sealed class PolicyAgreementTests(SeededServices seeded) : IClassFixture<SeededServices>
{
    private static readonly string[] ExtraCallers = ["CSU-NV", "NOBODY"];

    private async Task<IReadOnlyList<string>> CallersAsync()
    {
        await using var db = await seeded.App.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        // CSU-NV is in the directory's organisations too: each caller once.
        return [.. (await db.Organisations.Select(o => o.Code).OrderBy(c => c).ToListAsync()).Union(ExtraCallers)];
    }

    private async Task<int> CheckAsync<TContext, T>(GovernedShape<T> shape, Func<TContext, IQueryable<T>> rows, Func<T, string> key)
        where TContext : DbContext where T : class
    {
        var callers = await CallersAsync();
        var factory = seeded.App.Services.GetRequiredService<IDbContextFactory<TContext>>();
        return await seeded.InRequestAsync(async ctx =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var all = await rows(db).AsNoTracking().ToListAsync();
            Assert.NotEmpty(all);
            var reference = GovernedShapes.References.GetValueOrDefault(shape.TypeName);
            var checks = 0;
            foreach (var (policy, rule) in PolicyRules.ByName)
            foreach (var caller in callers)
            {
                var filter = await RuleFilter.BuildAsync(rule, shape, caller, ctx);
                var inSql = (await rows(db).AsNoTracking().Where(filter).ToListAsync()).Select(key).ToHashSet();
                foreach (var entity in all)
                {
                    var where = $"{policy} x {shape.TypeName} {key(entity)} x {caller}";
                    var inMemory = await RuleEvaluator.DecideAsync(rule, shape, entity, caller, ctx);
                    Assert.True(inMemory == inSql.Contains(key(entity)), $"SQL filter disagrees ({where}): in memory {inMemory}");
                    if (RuleEvaluator.TryDecide(rule, shape, entity, caller) is { } immediate)
                        Assert.True(immediate == inMemory, $"immediate decision disagrees ({where})");
                    if (reference is not null)
                    {
                        var byKey = await RuleEvaluator.DecideAsync(rule, reference, new EntityReference(shape.TypeName, key(entity)), caller, ctx);
                        Assert.True(byKey == inMemory, $"_entities decision disagrees ({where}): in memory {inMemory}");
                    }
                    checks++;
                }
            }
            return checks;
        });
    }

    [Fact]
    public async Task Organisations_agree() => Assert.True(
        await CheckAsync<CommissioningDbContext, Modules.Commissioning.Consortium>(GovernedShapes.Consortium, db => db.Consortia, c => c.Code)
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.GpPractice>(GovernedShapes.GpPractice, db => db.GpPractices, c => c.Code)
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.Provider>(GovernedShapes.Provider, db => db.Providers, c => c.Code)
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.LocalAuthority>(GovernedShapes.LocalAuthority, db => db.LocalAuthorities, c => c.Code)
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.HealthAndWellbeingBoard>(GovernedShapes.HealthAndWellbeingBoard, db => db.HealthAndWellbeingBoards, c => c.Code)
        > 0);

    [Fact]
    public async Task Money_agrees() => Assert.True(
        await CheckAsync<CommissioningDbContext, Modules.Commissioning.FinancialReturn>(GovernedShapes.FinancialReturn, db => db.FinancialReturns, r => r.Id.ToString())
        + await CheckAsync<NhsCbDbContext, Modules.NhsCb.Allocation>(GovernedShapes.Allocation, db => db.Allocations, a => a.Id.ToString())
        + await CheckAsync<NhsCbDbContext, Modules.NhsCb.AssuranceAssessment>(GovernedShapes.AssuranceAssessment, db => db.AssuranceAssessments, a => a.Id.ToString())
        + await CheckAsync<NhsCbDbContext, Modules.NhsCb.Intervention>(GovernedShapes.Intervention, db => db.Interventions, a => a.Id.ToString())
        > 0);

    // The NHS CB's request for information to 03C: 03C's (self) and the board's, no one else's.
    [Fact]
    public async Task Information_requests_agree() => Assert.True(
        await CheckAsync<NhsCbDbContext, Modules.NhsCb.InformationRequest>(GovernedShapes.InformationRequest, db => db.InformationRequests, r => r.Id.ToString())
        > 0);

    [Fact]
    public async Task Jsna_agrees() => Assert.True(
        await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.Jsna>(GovernedShapes.Jsna, db => db.Jsnas, j => j.Id.ToString())
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.JsnaContribution>(GovernedShapes.JsnaContribution, db => db.JsnaContributions, c => c.Id.ToString())
        > 0);

    // Published strategies and plans hold 'published' for everyone; drafts (NV 2014-15, 01A's and 02B's 2014-15 plans) do not,
    // and a plan's partners are those of every board its consortium sits on (a HeldBySource subject, walked back in SQL).
    [Fact]
    public async Task Strategies_priorities_and_plans_agree() => Assert.True(
        await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.JointHealthAndWellbeingStrategy>(GovernedShapes.Strategy, db => db.Strategies, s => s.Id.ToString())
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.StrategyPriority>(GovernedShapes.StrategyPriority, db => db.StrategyPriorities, p => p.Code)
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.CommissioningPlan>(GovernedShapes.CommissioningPlan, db => db.CommissioningPlans, p => p.Id.ToString())
        > 0);

    [Fact]
    public async Task Pools_arrangements_and_contracts_agree() => Assert.True(
        await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.PooledBudget>(GovernedShapes.PooledBudget, db => db.PooledBudgets, p => p.Code)
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.PoolContribution>(GovernedShapes.PoolContribution, db => db.PoolContributions, p => p.Id.ToString())
        + await CheckAsync<LocalGovernmentDbContext, Modules.LocalGovernment.PoolExpenditure>(GovernedShapes.PoolExpenditure, db => db.PoolExpenditure, p => p.Id.ToString())
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.LeadCommissioningArrangement>(GovernedShapes.LeadCommissioningArrangement, db => db.LeadCommissioningArrangements, a => a.Code)
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.ArrangementAssociate>(GovernedShapes.ArrangementAssociate, db => db.ArrangementAssociates, a => a.Id.ToString())
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.Contract>(GovernedShapes.Contract, db => db.Contracts, c => c.Code)
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.ContractPerformance>(GovernedShapes.ContractPerformance, db => db.ContractPerformance, p => p.Id.ToString())
        + await CheckAsync<CommissioningDbContext, Modules.Commissioning.ContractActivitySubmission>(GovernedShapes.ContractActivity, db => db.ContractActivitySubmissions, a => a.Id.ToString())
        > 0);

    /// <summary>The rules say what DOMAIN.md says, on the demonstration data (so that agreement is not agreement on nothing).</summary>
    [Theory]
    [InlineData("hwbPartner", "HealthAndWellbeingBoard", "HWB-E10000001", "E10000001", true)]
    [InlineData("hwbPartner", "HealthAndWellbeingBoard", "HWB-E10000001", "02B", true)]
    [InlineData("hwbPartner", "HealthAndWellbeingBoard", "HWB-E10000001", "03C", false)]
    [InlineData("hwbLocalAuthority", "HealthAndWellbeingBoard", "HWB-E06000002", "E06000002", true)]
    [InlineData("hwbLocalAuthority", "HealthAndWellbeingBoard", "HWB-E06000002", "03C", false)]
    [InlineData("self", "Consortium", "01A", "01A", true)]
    [InlineData("self", "Consortium", "01A", "02B", false)]
    [InlineData("memberConsortium", "GpPractice", "A02004", "02B", true)]
    [InlineData("memberConsortium", "GpPractice", "A02004", "01A", false)]
    [InlineData("poolPartner", "PooledBudget", "POOL-LD-NV", "02B", true)]
    [InlineData("poolPartner", "PooledBudget", "POOL-LD-NV", "03C", false)]
    [InlineData("poolHost", "PooledBudget", "POOL-IC-RS", "03C", true)]
    [InlineData("arrangementParty", "LeadCommissioningArrangement", "LCA-ACUTE-RNV", "03C", true)]
    [InlineData("arrangementParty", "LeadCommissioningArrangement", "LCA-ACUTE-RNV", "RNV", false)]
    // A lead that is not a consortium (the NHS CB leads LCA-DIAG-NQ1) is a party through the directory like any other.
    [InlineData("arrangementLead", "LeadCommissioningArrangement", "LCA-DIAG-NQ1", "X24", true)]
    [InlineData("arrangementLead", "LeadCommissioningArrangement", "LCA-DIAG-NQ1", "01A", false)]
    [InlineData("arrangementParty", "LeadCommissioningArrangement", "LCA-DIAG-NQ1", "NQ1", false)]
    [InlineData("contractProvider", "Contract", "CT-X24-NQ1", "NQ1", true)]
    [InlineData("contractProvider", "Contract", "CT-X24-NQ1", "X24", false)]
    [InlineData("contractParty", "Contract", "CT-X24-NQ1", "X24", true)]
    [InlineData("supportFor", "Consortium", "01A", "CSU-NV", true)]
    [InlineData("supportFor", "Consortium", "03C", "CSU-NV", false)]
    [InlineData("nhscb", "Consortium", "03C", "X24", true)]
    public async Task A_reference_is_judged_by_its_key_and_the_directory(string policy, string type, string code, string caller, bool expected)
    {
        var decided = await seeded.InRequestAsync(async ctx =>
            await RuleEvaluator.DecideAsync(PolicyRules.ByName[policy], GovernedShapes.References[type], new EntityReference(type, code), caller, ctx));
        Assert.Equal(expected, decided);
    }
}
