using Pathfinder.Durable;

namespace Pathfinder.Functions.Waves;

/// <summary>The wave's orchestration input: which wave, and when it is due to be announced.</summary>
public sealed record WaveSchedule(int Number, DateTimeOffset AnnounceAt);

/// <summary>
/// One national wave: at its announcement time, or when the national team announces it now, freeze its
/// list, move each application to announced, and send each partner one digest.
/// </summary>
public sealed class WaveOrchestrator : TaskOrchestrator<WaveSchedule, int>
{
    public const string AnnounceNowEvent = "AnnounceNow";

    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(10)));

    public static string InstanceId(int number) => $"wave-{number:D4}";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, WaveSchedule wave)
    {
        context.SetCustomStatus(new { stage = "scheduled", announceAt = wave.AnnounceAt });
        using (var cancel = new CancellationTokenSource())
        {
            var now = context.WaitForExternalEvent<string>(AnnounceNowEvent, cancel.Token);
            var due = context.CreateTimer(wave.AnnounceAt.UtcDateTime, cancel.Token);
            await Task.WhenAny(now, due);
            // Whichever came first, the other must not keep the instance waiting.
#pragma warning disable CA1849 // Cancel() runs inside the orchestrator's turn, as replay requires.
            cancel.Cancel();
#pragma warning restore CA1849
        }

        var frozen = await context.CallActivityAsync<FrozenWave>(nameof(FreezeWave),
            new FreezeRequest(wave.Number, context.CurrentUtcDateTime), Retry);
        await context.CallActivityAsync<int>(nameof(AnnounceApplications), frozen, Retry);
        var digests = await context.CallActivityAsync<int>(nameof(SendWaveDigests), frozen, Retry);
        context.SetCustomStatus(new { stage = "announced", pathfinders = frozen.Pathfinders.Count, digests });
        return frozen.Pathfinders.Count;
    }
}
