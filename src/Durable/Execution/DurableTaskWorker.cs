using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pathfinder.Durable.Execution;
using Pathfinder.Durable.Storage;

namespace Pathfinder.Durable;

/// <summary>
/// Drives instances forward. The client calls it inline after a start or an event; a periodic tick
/// (a hosted service locally, a timer-triggered function in Azure) calls <see cref="TickAsync"/> for
/// timers that came due and for work a crashed process left behind. No thread has to stay alive.
/// </summary>
public sealed class DurableTaskWorker
{
    private readonly IOrchestrationStore _store;
    private readonly OrchestrationExecutor _executor;
    private readonly TimeProvider _time;
    private readonly DurableTaskOptions _options;
    private readonly ILogger<DurableTaskWorker> _logger;
    private readonly KeyedLock _locks = new();

    internal DurableTaskWorker(IOrchestrationStore store, OrchestrationExecutor executor, TimeProvider time,
        IOptions<DurableTaskOptions> options, ILogger<DurableTaskWorker> logger)
    {
        _store = store;
        _executor = executor;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Instances this process is working on right now (for diagnostics and memory checks).</summary>
    public int InstancesInFlight => _locks.Count;

    /// <summary>Runs whatever is due for one instance until it waits or finishes.</summary>
    public Task ProcessAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ProcessAsync(instanceId, null, cancellationToken);

    internal async Task ProcessAsync(string instanceId, InstanceSnapshot? known, CancellationToken cancellationToken)
    {
        // One step at a time per instance in this process; across processes the store's ETags decide.
        using var held = await _locks.AcquireAsync(instanceId, cancellationToken);
        var snapshot = known;
        var conflicts = 0;
        while (true)
        {
            snapshot ??= await _store.LoadAsync(instanceId, cancellationToken);
            if (snapshot is null)
            {
                await _store.ForgetAsync(instanceId, cancellationToken);
                return;
            }
            var step = await _executor.ExecuteAsync(snapshot, cancellationToken);
            if (step is null)
            {
                await _store.SettleAsync(snapshot, cancellationToken);
                return;
            }
            var committed = await _store.CommitAsync(snapshot, step.Commit, cancellationToken);
            if (committed is null)
            {
                // Another worker committed first: reload its result and see what is still due.
                if (++conflicts > _options.MaxConflictRetries)
                {
                    _logger.LogInformation("Instance {InstanceId} is busy elsewhere; leaving it to the next tick", instanceId);
                    return;
                }
                snapshot = null;
                continue;
            }
            if (!step.RunAgainNow)
            {
                return;
            }
            snapshot = null;
        }
    }

    /// <summary>
    /// Processes every instance with work due now (timers, leftover messages, interrupted steps).
    /// Returns how many instances it processed.
    /// </summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        var processed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var due = await _store.GetDueAsync(_time.GetUtcNow(), 1000, cancellationToken);
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0)
            {
                return processed;
            }
            await Parallel.ForEachAsync(fresh,
                new ParallelOptions { MaxDegreeOfParallelism = _options.TickConcurrency, CancellationToken = cancellationToken },
                async (instanceId, token) =>
                {
                    try
                    {
                        await ProcessAsync(instanceId, token);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // One instance's storage trouble must not stop the others; it stays due.
                        _logger.LogWarning(exception, "Processing {InstanceId} failed; the next tick retries", instanceId);
                    }
                });
            processed += fresh.Count;
        }
    }
}
