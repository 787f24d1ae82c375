using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Polly;
using Polly.Retry;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// What happens when a module's database is briefly unavailable (restarting, failing over, refusing
/// connections): every statement EF Core runs goes through <see cref="Pipeline"/>, a Polly retry of
/// <see cref="MaxRetryAttempts"/> attempts with exponential back-off, for failures
/// <see cref="IsTransient"/> recognises. What still fails after that is reported as the database being
/// unavailable (the host maps it to <c>SERVICE_UNAVAILABLE</c>).
/// </summary>
public static class DatabaseResilience
{
    /// <summary>Retries after the first attempt. With <see cref="FirstRetryDelay"/> doubling, a statement
    /// gives up after about 0.6 s of waiting plus its attempts, far inside a request's timeout.</summary>
    public const int MaxRetryAttempts = 2;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = MaxRetryAttempts,
            Delay = FirstRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <summary>
    /// The database could not be reached or refused for now: a provider exception its driver marks
    /// transient (connection refused or reset, server shutting down or starting up), anywhere
    /// in the chain of inner exceptions (EF wraps a failed save in <c>DbUpdateException</c>), or a timeout.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or TimeoutException) return true;
            if (e is System.Net.Sockets.SocketException) return true;
        }
        return false;
    }
}

/// <summary>
/// EF Core's execution strategy backed by <see cref="DatabaseResilience.Pipeline"/>. Inside a transaction
/// the caller began, a statement is not retried alone (the transaction is what would have to be retried);
/// after a failed attempt EF's <c>verifySucceeded</c> callback, when given, is asked whether the work
/// was done after all before it is done again.
/// </summary>
public sealed class PollyExecutionStrategy(ExecutionStrategyDependencies dependencies) : IExecutionStrategy
{
    public bool RetriesOnFailure => true;

    private DbContext Context => dependencies.CurrentContext.Context;

    private bool InUserTransaction => Context.Database.CurrentTransaction is not null;

    public TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation,
        Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
    {
        if (InUserTransaction) return operation(Context, state);
        var attempt = 0;
        return DatabaseResilience.Pipeline.Execute(() =>
        {
            if (attempt++ > 0 && verifySucceeded?.Invoke(Context, state) is { IsSuccessful: true } done) return done.Result;
            return operation(Context, state);
        });
    }

    public async Task<TResult> ExecuteAsync<TState, TResult>(TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default)
    {
        if (InUserTransaction) return await operation(Context, state, cancellationToken);
        var attempt = 0;
        return await DatabaseResilience.Pipeline.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0 && verifySucceeded is not null && await verifySucceeded(Context, state, ct) is { IsSuccessful: true } done)
                return done.Result;
            return await operation(Context, state, ct);
        }, cancellationToken);
    }
}
