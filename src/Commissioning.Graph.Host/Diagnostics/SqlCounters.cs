using System.Collections;
using System.Data.Common;
using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Server;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commissioning.Graph.Host.Diagnostics;

/// <summary>
/// <c>Diagnostics:SqlCounters</c> (off unless set; a benchmark and diagnostic aid, not for production): every
/// GraphQL response gets <c>extensions.sql { statements rows }</c>, the SQL statements the operation ran (its
/// resolvers, loaders and the disclosure register, on every context of the process) and the rows they read.
/// A request with the header <c>X-Sql-Capture: true</c> also gets <c>extensions.sql.commands</c>, each
/// statement's text and parameters, so that a benchmark can replay them directly against the database.
/// </summary>
public static class SqlCounters
{
    public const string Setting = "Diagnostics:SqlCounters";
    public const string CaptureHeader = "X-Sql-Capture";

    /// <summary>Registers the counters when <see cref="Setting"/> is true. Call before the other request
    /// interceptors: the first registered sees the result last, after the register has written.</summary>
    public static IServiceCollection AddSqlCounters(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting)) return services;
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, SqlCountingInterceptor>();
        services.AddSingleton<IGraphQLRequestInterceptor, SqlCountersRequestInterceptor>();
        return services;
    }
}

/// <summary>One operation's statements and rows, a feature of its HTTP request; loaders run concurrently, hence
/// interlocked counts and a concurrent queue of commands.</summary>
internal sealed class SqlTally(bool capture)
{
    private int _statements;
    private long _rows;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Dictionary<string, object?>>? _commands = capture ? new() : null;

    public int Statements => Volatile.Read(ref _statements);
    public long Rows => Interlocked.Read(ref _rows);

    public void Statement(DbCommand command)
    {
        Interlocked.Increment(ref _statements);
        if (_commands is null) return;
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => new Dictionary<string, object?>
        {
            ["name"] = p.ParameterName,
            ["dbType"] = p.DbType.ToString(),
            ["value"] = p.Value is DBNull ? null : p.Value is DateOnly d ? d.ToString("yyyy-MM-dd") : p.Value,
        }).ToList();
        _commands.Enqueue(new() { ["sql"] = command.CommandText, ["parameters"] = parameters });
    }

    public void Row() => Interlocked.Increment(ref _rows);

    public Dictionary<string, object?> ToExtension()
    {
        var sql = new Dictionary<string, object?> { ["statements"] = Statements, ["rows"] = Rows };
        if (_commands is not null) sql["commands"] = _commands.ToList();
        return sql;
    }
}

/// <summary>Starts each operation's tally and reports it in the response.</summary>
internal sealed class SqlCountersRequestInterceptor : IGraphQLRequestInterceptor
{
    public ValueTask<IReadOnlyList<GraphQLError>?> OnExecutingAsync(GraphQLRequestContext context)
    {
        var capture = string.Equals(context.HttpContext.Request.Headers[SqlCounters.CaptureHeader], "true", StringComparison.OrdinalIgnoreCase);
        context.HttpContext.Features.Set(new SqlTally(capture));
        return new((IReadOnlyList<GraphQLError>?)null);
    }

    public ValueTask OnExecutedAsync(GraphQLRequestContext context, ExecutionResult result)
    {
        if (context.HttpContext.Features.Get<SqlTally>() is { } tally)
            ((context.Result ?? result).Extensions ??= new Dictionary<string, object?>())["sql"] = tally.ToExtension();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Counts each command of the current HTTP request's operation, and the rows its queries return.</summary>
internal sealed class SqlCountingInterceptor(IHttpContextAccessor http) : DbCommandInterceptor
{
    private SqlTally? Tally => http.HttpContext?.Features.Get<SqlTally>();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Tally is { } tally ? Counted(tally, command, eventData, result) : result;

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default) =>
        new(Tally is { } tally ? Counted(tally, command, eventData, result) : result);

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Tally?.Statement(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Tally?.Statement(command);
        return new(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Tally?.Statement(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Tally?.Statement(command);
        return new(result);
    }

    private static DbDataReader Counted(SqlTally tally, DbCommand command, CommandExecutedEventData eventData, DbDataReader reader)
    {
        tally.Statement(command);
        // Rows are those queries read. SaveChanges' readers (generated keys) stay the provider's own: Npgsql's
        // update pipeline needs its NpgsqlDataReader.
        return eventData.CommandSource == CommandSource.SaveChanges ? reader : new CountingReader(reader, tally);
    }
}

/// <summary>A reader that counts the rows read through it and otherwise is the provider's reader.</summary>
internal sealed class CountingReader(DbDataReader inner, SqlTally tally) : DbDataReader
{
    public override bool Read()
    {
        var more = inner.Read();
        if (more) tally.Row();
        return more;
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        var more = await inner.ReadAsync(cancellationToken);
        if (more) tally.Row();
        return more;
    }

    public override int Depth => inner.Depth;
    public override int FieldCount => inner.FieldCount;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int RecordsAffected => inner.RecordsAffected;
    public override int VisibleFieldCount => inner.VisibleFieldCount;
    public override object this[int ordinal] => inner[ordinal];
    public override object this[string name] => inner[name];
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override IEnumerator GetEnumerator() => inner.GetEnumerator();
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);
    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override int GetOrdinal(string name) => inner.GetOrdinal(name);
    public override string GetString(int ordinal) => inner.GetString(ordinal);
    public override object GetValue(int ordinal) => inner.GetValue(ordinal);
    public override int GetValues(object[] values) => inner.GetValues(values);
    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);
    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);
    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);
    public override Type GetProviderSpecificFieldType(int ordinal) => inner.GetProviderSpecificFieldType(ordinal);
    public override object GetProviderSpecificValue(int ordinal) => inner.GetProviderSpecificValue(ordinal);
    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();
    public override bool NextResult() => inner.NextResult();
    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => inner.NextResultAsync(cancellationToken);
    public override void Close() => inner.Close();
    public override Task CloseAsync() => inner.CloseAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
