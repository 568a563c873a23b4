namespace Pathfinder.Durable;

/// <summary>
/// An activity: the unit of real work (I/O, side effects). It runs at least once per scheduling, so
/// anything with an effect outside the runtime must be idempotent.
/// </summary>
/// <typeparam name="TInput">The activity input.</typeparam>
/// <typeparam name="TOutput">The activity result handed back to the orchestrator.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>Does the work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped shape the runtime drives; implement <see cref="TaskActivity{TInput,TOutput}"/>.</summary>
public interface ITaskActivity
{
    /// <summary>The type the activity input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity with a deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>What an activity knows about the call that scheduled it.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's sequence number in that instance: with the instance id, a stable idempotency key.</param>
/// <param name="CancellationToken">Signalled when the worker shuts down.</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, CancellationToken CancellationToken);
