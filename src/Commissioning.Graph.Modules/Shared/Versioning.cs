namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// An entity guarded by optimistic concurrency. <see cref="RowVersion"/> is an ordinary integer
/// column, incremented by <see cref="ModuleDbContext"/> on every update and compared in the
/// UPDATE's WHERE clause, so it behaves the same on SQLite, PostgreSQL and SQL Server (a SQL Server
/// <c>rowversion</c> would not).
/// </summary>
public interface IVersioned
{
    int RowVersion { get; set; }
}

/// <summary>A domain rule was broken (for example, changing a submitted return).</summary>
public sealed class DomainRuleException(string code, string message) : InvalidOperationException(message)
{
    /// <summary>Stable machine-readable code, surfaced later as a GraphQL user error code.</summary>
    public string Code { get; } = code;
}
