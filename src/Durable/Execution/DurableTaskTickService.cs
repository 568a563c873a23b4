using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pathfinder.Durable;

/// <summary>
/// Ticks the worker on an interval when the app runs as a plain process. In Azure Functions the
/// timer-triggered function calls <see cref="DurableTaskWorker.TickAsync"/> instead.
/// </summary>
public sealed class DurableTaskTickService(
    DurableTaskWorker worker,
    TimeProvider time,
    IOptions<DurableTaskOptions> options,
    ILogger<DurableTaskTickService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            try
            {
                await worker.TickAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Durable tick failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
