using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Pathfinder.LocalHost;

/// <summary>Runs each timer function on its own schedule (six-field NCRONTAB, as the Functions host reads
/// it).</summary>
public sealed partial class TimerFunctions(
    FunctionCatalog catalog,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerFunctions> logger
) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(t => RunAsync(t, stoppingToken)));

    private async Task RunAsync(TimerFunction function, CancellationToken stoppingToken)
    {
        // "%Name%" takes the schedule from a setting, as on the Functions host.
        var expression =
            function.Schedule.StartsWith('%') && function.Schedule.EndsWith('%')
                ? configuration[function.Schedule.Trim('%')]
                    ?? throw new InvalidOperationException(
                        $"The schedule of {function.Name} names setting {function.Schedule}, which is not set."
                    )
                : function.Schedule;
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await Task.Delay(schedule.GetNextOccurrence(now) - now, time, stoppingToken);
            try
            {
                await using var scope = services.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(
                    function.Method,
                    scope.ServiceProvider,
                    new TimerInfo(),
                    new Dictionary<string, object?>(),
                    stoppingToken
                );
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, function.Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function {Name} failed; it runs again at its next time")]
    private static partial void LogFailed(ILogger logger, string name, Exception exception);
}
