using Microsoft.Extensions.Options;
using Pathfinder.Durable;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// The periodic work: due timers and interrupted steps of every orchestration, then mail waiting in the
/// outbox. Locally <see cref="ProgrammeTickService"/> runs it; in Azure the timer-triggered function
/// <c>ProgrammeTick</c> does (see <c>functions/ProgrammeTick/function.json</c>).
/// </summary>
public sealed class ProgrammeTick(DurableTaskWorker worker, Outbox outbox)
{
    public async Task<TickSummary> RunAsync(CancellationToken cancellationToken)
    {
        var instances = await worker.TickAsync(cancellationToken);
        var sent = await outbox.DispatchAsync(500, cancellationToken);
        return new TickSummary(instances, sent);
    }
}

public sealed record TickSummary(int InstancesProcessed, int EmailsSent);

/// <summary>Runs the tick on an interval when no Functions host is there to trigger it.</summary>
public sealed class ProgrammeTickService(
    ProgrammeTick tick,
    TimeProvider time,
    IOptions<DurableTaskOptions> options,
    ILogger<ProgrammeTickService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            try
            {
                await tick.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The programme tick failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
