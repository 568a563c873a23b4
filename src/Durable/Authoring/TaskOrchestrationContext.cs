using Microsoft.Extensions.Logging;

namespace Pathfinder.Durable;

/// <summary>
/// What an orchestrator may use. Every member is deterministic under replay; the names and
/// semantics follow the Durable Task SDK's <c>TaskOrchestrationContext</c>.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The instance being run.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestrator version this instance runs on.</summary>
    public abstract string Version { get; }

    /// <summary>The time of the step being executed (replayed from history, never the wall clock).</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while old history is being replayed; false once new work is being decided.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed and retries, if any, were exhausted.</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null,
        TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>
    /// A durable timer firing at <paramref name="fireAt"/>. Cancelling it means it never fires and does
    /// not keep the instance waiting; the task then ends as cancelled.
    /// </summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer firing after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised to this instance. Events raised before anyone waits are kept and
    /// delivered in the order they were raised.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Sets the status readable through the client (serialized as JSON).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts the instance with a new input and an empty history once the orchestrator returns.
    /// Events received but not yet consumed are carried over.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput);

    /// <summary>A GUID that is the same on every replay of this instance.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays silent during replay, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A replay-safe logger named after <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
