using System.Diagnostics.CodeAnalysis;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Waves;

/// <summary>The wave's orchestration input: which wave, and when it is due to be announced.</summary>
public sealed record WaveSchedule(int Number, DateTimeOffset AnnounceAt);

/// <summary>
/// One national wave: at its announcement time, or when the national team announces it now, freeze its list, tell
/// each application's orchestration (an event each, sent by this orchestration), and send each partner one digest.
/// </summary>
public static class WaveOrchestrator
{
    public const string AnnounceNowEvent = "AnnounceNow";

    public static string InstanceId(int number) => $"wave-{number:D4}";

    [Function(nameof(WaveOrchestrator))]
    [SuppressMessage(
        "Reliability",
        "CA1849:Call async methods when in an async method",
        Justification = "Cancel() must run inside the orchestrator's turn, as replay requires; CancelAsync would not."
    )]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, WaveSchedule wave)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(wave);
        context.SetCustomStatus(new { stage = "scheduled", announceAt = wave.AnnounceAt });
        using (var cancel = new CancellationTokenSource())
        {
            var now = context.WaitForExternalEvent<string>(AnnounceNowEvent, cancel.Token);
            var due = context.CreateTimer(wave.AnnounceAt.UtcDateTime, cancel.Token);
            await Task.WhenAny(now, due);
            // Whichever came first, the other must not keep the instance waiting.
            cancel.Cancel();
        }

        var frozen = await context.CallActivityAsync<FrozenWave>(
            nameof(WaveActivities.FreezeWave),
            new FreezeRequest(wave.Number, context.CurrentUtcDateTime),
            ApplicationOrchestrator.Retry
        );
        var announcement = new WaveAnnouncement(wave.Number, frozen.AnnouncedAt);
        foreach (var pathfinder in frozen.Pathfinders)
        {
            context.SendEvent(pathfinder.Listing.Reference, ApplicationEvents.WaveAnnounced, announcement);
        }
        var digests = await context.CallActivityAsync<int>(
            nameof(WaveActivities.SendWaveDigests),
            frozen,
            ApplicationOrchestrator.Retry
        );
        context.SetCustomStatus(
            new
            {
                stage = "announced",
                pathfinders = frozen.Pathfinders.Count,
                digests,
            }
        );
        return frozen.Pathfinders.Count;
    }
}
