namespace Pathfinder.Durable;

/// <summary>
/// An orchestrator: straight-line async code that the runtime replays from history. It must be
/// deterministic: no I/O, no <see cref="DateTime.UtcNow"/>, no <see cref="Guid.NewGuid"/>, no
/// <c>ConfigureAwait(false)</c>; use the context for time, ids, activities, timers and events.
/// </summary>
/// <typeparam name="TInput">The input the instance was started with.</typeparam>
/// <typeparam name="TOutput">The output recorded when the instance completes.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>Runs (or replays) the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskOrchestrator{TInput,TOutput}"/>.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the instance input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestration with a deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
