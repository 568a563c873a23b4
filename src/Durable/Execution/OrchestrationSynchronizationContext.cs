namespace Pathfinder.Durable.Execution;

/// <summary>
/// Runs orchestrator continuations one at a time on the calling thread, so replay is deterministic:
/// every await in orchestrator code resumes here, in the order the runtime completes its tasks.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
        {
            _queue.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code must not block on synchronous sends.");

    /// <summary>Runs <paramref name="action"/> and then every continuation it causes, until quiet.</summary>
    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
            while (TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_queue)
        {
            return _queue.TryDequeue(out item);
        }
    }
}
