namespace Pathfinder.Functions.Hosting;

/// <summary>
/// A start-up step (creating a table or container) done on first use, once per process, and again only if
/// it failed: no start-up work on a cold start, and a transient failure does not stick.
/// </summary>
public sealed class Once(Func<Task> step)
{
    private Task? _done;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var done = _done;
        if (done is null || done.IsFaulted || done.IsCanceled)
        {
            // Two callers racing here may both run the step: creating what exists is harmless.
            done = step();
            _done = done;
        }
        return done.WaitAsync(cancellationToken);
    }
}
