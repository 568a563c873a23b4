using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Pathfinder.Functions.Retention;

/// <summary>Once a night, removes what the programme keeps no longer (see <see cref="RetentionSweep"/>).</summary>
public sealed class RetentionFunctions(RetentionSweep sweep)
{
    /// <summary>At 02:30 UTC, when nobody is reviewing.</summary>
    [Function(nameof(ApplyRetention))]
    public Task<RetentionReport> ApplyRetention(
        [TimerTrigger("0 30 2 * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken
    ) => sweep.RunAsync(client, cancellationToken);
}
