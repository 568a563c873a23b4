using DurableTask.Core.History;

namespace Pathfinder.Functions.Tests.Histories;

/// <summary>
/// Every recorded history of every supported version (tests/Functions.Tests/Histories/v{N}/), at every point where
/// its instance waited, replays through today's orchestrator code without storage: no non-determinism, no exception.
/// A failure names the history and the step.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> Histories() => [.. RecordedHistory.All()];

    [Theory]
    [MemberData(nameof(Histories))]
    public void RecordedHistory_ReplaysAtEveryWaitingPoint(string history)
    {
        var events = RecordedHistory.Load(history);

        var failures = RecordedHistory
            .WaitingPoints(events)
            .Select(p => (What: "waiting point", p.Episode, p.Events))
            .Concat(
                RecordedHistory
                    .QueuedCommandPoints(events)
                    .Select(p => (What: "command queued in episode", p.Episode, p.Events))
            )
            .Select(p => (p.What, p.Episode, Last: Describe(p.Events), Failure: RecordedHistory.Replay(p.Events)))
            .Where(p => p.Failure is not null)
            .Select(p => $"{history}, {p.What} {p.Episode} (after {p.Last}): {p.Failure}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryVersionAndEveryOrchestrator_HasRecordedHistories()
    {
        var all = RecordedHistory.All().ToList();
        foreach (var version in new[] { "v1", "v2" })
        {
            Assert.Contains(all, h => h.StartsWith(version + "/application-", StringComparison.Ordinal));
            Assert.Contains(all, h => h.StartsWith(version + "/wave-", StringComparison.Ordinal));
        }
        // The lifecycles hold every waiting point: a timer before the first reminder, both reminders, the escalation;
        // and version 2 its new step (after the announcement: announced, go-live notice, live; version 1 two of these).
        foreach (var (version, afterAnnouncement) in new[] { ("v1", 2), ("v2", 3) })
        {
            var names = RecordedHistory
                .Load($"{version}/application-reminders-escalation-late-approval-wave-live.json")
                .OfType<TaskScheduledEvent>()
                .Select(e => e.Name)
                .ToList();
            Assert.Equal(3, names.Count(n => n == "RecordReviewCheckpoint"));
            Assert.Equal(
                afterAnnouncement,
                names.SkipWhile(n => n != "RecordAnnouncement").Count(n => n == "SendNotification")
            );
        }
        // Commands queued but not yet applied: the decision and two go-live dates in the lifecycle, the withdrawal.
        foreach (
            var (name, commands) in new[]
            {
                ("application-reminders-escalation-late-approval-wave-live", 3),
                ("application-withdrawn-under-review", 1),
            }
        )
        {
            foreach (var version in new[] { "v1", "v2" })
            {
                Assert.Equal(
                    commands,
                    RecordedHistory.QueuedCommandPoints(RecordedHistory.Load($"{version}/{name}.json")).Count()
                );
            }
        }
    }

    /// <summary>The guard works: two awaited activities swapped in a history make its replay fail, naming
    /// both.</summary>
    [Fact]
    public void SwappedActivities_FailTheReplay()
    {
        var events = RecordedHistory.Load("v1/application-reminders-escalation-late-approval-wave-live.json");
        var scheduled = events.OfType<TaskScheduledEvent>().ToList();
        var (first, second) = (scheduled[0], scheduled.First(e => e.Name != scheduled[0].Name));
        Assert.Null(RecordedHistory.Replay(events));
        (first.Name, second.Name) = (second.Name, first.Name);

        var failure = RecordedHistory.Replay(events);

        Assert.NotNull(failure);
        Assert.Contains("NonDeterministic", failure, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A queued command is really handed to today's code: woken on the decision's event while it waited, the
    /// lifecycle applies the pending commands.
    /// </summary>
    [Fact]
    public void QueuedDecision_WakesTodaysCodeToApplyIt()
    {
        var events = RecordedHistory.Load("v2/application-reminders-escalation-late-approval-wave-live.json");
        var (_, queued) = RecordedHistory
            .QueuedCommandPoints(events)
            .First(p =>
                p.Events.FindLastIndex(e => e is OrchestratorCompletedEvent) is var done
                && p.Events[done - 1] is TimerCreatedEvent
            );

        Assert.Equal(["ApplyPendingCommands"], RecordedHistory.Scheduled(queued));
    }

    private static string Describe(List<HistoryEvent> events) =>
        events.LastOrDefault(e =>
            e is TaskScheduledEvent or TimerCreatedEvent or EventRaisedEvent or EventSentEvent
        ) switch
        {
            TaskScheduledEvent t => $"activity {t.Name}",
            TimerCreatedEvent t => $"timer until {t.FireAt:O}",
            EventRaisedEvent e => $"event {e.Name}",
            EventSentEvent e => $"event {e.Name} sent",
            _ => "start",
        };
}
