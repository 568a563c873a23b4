using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Notifications.Activities;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// One expression of interest from receipt to live: acknowledge, review with reminders and escalation,
/// decision, wave announcement, go-live. It only sequences and waits; rules live in the Domain and
/// records in the activities.
/// </summary>
public sealed class ApplicationOrchestrator : TaskOrchestrator<ApplicationSubmission, string>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(10)));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ApplicationSubmission submission)
    {
        var facts = await context.CallActivityAsync<ApplicationFacts>(nameof(RegisterApplication), submission, Retry);
        await Notify(context, new NotificationRequest(NotificationKind.Acknowledgement, facts) { To = submission.AcknowledgeTo });
        await Notify(context, new NotificationRequest(NotificationKind.NewApplication, facts));

        var decision = await ReviewAsync(context, submission, facts);
        if (decision is null)
        {
            return "withdrawn";
        }
        if (decision.Outcome == ReviewOutcome.Rejected)
        {
            await Notify(context, new NotificationRequest(NotificationKind.Rejected, facts)
            {
                NotMet = NotDemonstrated(decision.Criteria),
                Comments = decision.Comments,
            });
            return "rejected";
        }
        await Notify(context, new NotificationRequest(NotificationKind.Approved, facts));

        var announced = await AwaitAnnouncementAsync(context, facts);
        if (announced is null)
        {
            return "withdrawn";
        }
        await Notify(context, new NotificationRequest(NotificationKind.Announced, facts)
        {
            Wave = announced.Value.Wave,
            GoLive = announced.Value.GoLive,
        });
        return await AwaitGoLiveAsync(context, facts, announced.Value.GoLive);
    }

    /// <summary>Waits for a decision through reminders and escalation; null when withdrawn first.</summary>
    private static async Task<DecisionRecord?> ReviewAsync(TaskOrchestrationContext context,
        ApplicationSubmission submission, ApplicationFacts facts)
    {
        var window = submission.Window;
        var checkpoints = new Queue<ReviewCheckpoint>(window.ReminderTimes
            .Select(t => new ReviewCheckpoint(facts.Reference, t, false))
            .Append(new ReviewCheckpoint(facts.Reference, window.Deadline, true)));
        while (true)
        {
            var next = checkpoints.Count > 0 ? checkpoints.Peek() : null;
            context.SetCustomStatus(new ApplicationProgress("underReview", window.Deadline,
                next is null ? "decision overdue: the SHA and the national team have been told" : "SHA decision"));
            var command = await NextCommandAsync(context, next?.At);
            if (command is null)
            {
                var checkpoint = checkpoints.Dequeue();
                await context.CallActivityAsync<bool>(nameof(RecordReviewCheckpoint), checkpoint, Retry);
                await Notify(context, new NotificationRequest(
                    checkpoint.IsDeadline ? NotificationKind.Escalation : NotificationKind.ReviewReminder, facts)
                {
                    Now = context.CurrentUtcDateTime,
                });
                continue;
            }
            switch (command.Kind)
            {
                case ApplicationCommandKind.Withdrawal when await Record(context, facts, command):
                    await Notify(context, new NotificationRequest(NotificationKind.Withdrawn, facts) { Reason = command.Reason });
                    return null;
                case ApplicationCommandKind.Decision when command.Decision is not null && await Record(context, facts, command):
                    return command.Decision;
            }
        }
    }

    /// <summary>Waits, approved, for its wave; null when withdrawn first.</summary>
    private static async Task<(int Wave, DateOnly GoLive)?> AwaitAnnouncementAsync(TaskOrchestrationContext context,
        ApplicationFacts facts)
    {
        while (true)
        {
            context.SetCustomStatus(new ApplicationProgress("approved", null, "announcement in the next national wave"));
            var command = await NextCommandAsync(context, null);
            switch (command!.Kind)
            {
                case ApplicationCommandKind.Withdrawal when await Record(context, facts, command):
                    await Notify(context, new NotificationRequest(NotificationKind.Withdrawn, facts) { Reason = command.Reason });
                    return null;
                case ApplicationCommandKind.Announcement when command.Wave is { } wave:
                    var recorded = await context.CallActivityAsync<AnnouncementRecorded>(nameof(RecordAnnouncement),
                        new ApplicationChange(facts.Reference, command), Retry);
                    if (recorded.Applied)
                    {
                        return (wave, recorded.GoLive);
                    }
                    break;
            }
        }
    }

    /// <summary>Announced: waits for go-live (which the SHA may move) and goes live at 00:00 UK time.</summary>
    private static async Task<string> AwaitGoLiveAsync(TaskOrchestrationContext context, ApplicationFacts facts,
        DateOnly goLive)
    {
        while (true)
        {
            var startsAt = GoLive.StartsAt(goLive);
            context.SetCustomStatus(new ApplicationProgress("announced", startsAt, "go-live"));
            var command = await NextCommandAsync(context, startsAt);
            if (command is null)
            {
                await context.CallActivityAsync<bool>(nameof(RecordLive),
                    new ApplicationChange(facts.Reference, new ApplicationCommand(ApplicationCommandKind.GoLiveAgreed,
                        "programme", context.CurrentUtcDateTime) { GoLive = goLive }), Retry);
                await Notify(context, new NotificationRequest(NotificationKind.Live, facts) { GoLive = goLive });
                context.SetCustomStatus(new ApplicationProgress("live", null, "none: the pathfinder is live"));
                return "live";
            }
            switch (command.Kind)
            {
                case ApplicationCommandKind.GoLiveAgreed when command.GoLive is { } agreed:
                    goLive = agreed;
                    break;
                case ApplicationCommandKind.Withdrawal when await Record(context, facts, command):
                    await Notify(context, new NotificationRequest(NotificationKind.Withdrawn, facts) { Reason = command.Reason });
                    return "withdrawn";
            }
        }
    }

    /// <summary>The next command, or null when <paramref name="until"/> comes first.</summary>
    private static async Task<ApplicationCommand?> NextCommandAsync(TaskOrchestrationContext context, DateTimeOffset? until)
    {
        if (until is null)
        {
            return await context.WaitForExternalEvent<ApplicationCommand>(ApplicationCommand.EventName);
        }
        using var cancel = new CancellationTokenSource();
        var command = context.WaitForExternalEvent<ApplicationCommand>(ApplicationCommand.EventName, cancel.Token);
        var timer = context.CreateTimer(until.Value.UtcDateTime, cancel.Token);
        var winner = await Task.WhenAny(command, timer);
        // The loser must not keep the instance waiting (a timer) or swallow a later event (a waiter).
#pragma warning disable CA1849 // Cancel() runs inside the orchestrator's turn, as replay requires.
        cancel.Cancel();
#pragma warning restore CA1849
        return winner == command ? await command : null;
    }

    private static Task<bool> Record(TaskOrchestrationContext context, ApplicationFacts facts, ApplicationCommand command) =>
        context.CallActivityAsync<bool>(nameof(RecordCommand), new ApplicationChange(facts.Reference, command), Retry);

    private static Task<int> Notify(TaskOrchestrationContext context, NotificationRequest request) =>
        context.CallActivityAsync<int>(nameof(SendNotification), request, Retry);

    private static List<CriterionNotMet> NotDemonstrated(CriteriaAssessment criteria) =>
    [
        .. new[]
            {
                ("GP leadership and support", criteria.GpLeadership),
                ("Local Authority engagement", criteria.LocalAuthorityEngagement),
                ("contribution to the local QIPP agenda", criteria.QippContribution),
            }
            .Where(c => !c.Item2.Demonstrated)
            .Select(c => new CriterionNotMet(c.Item1, c.Item2.Note ?? "")),
    ];
}
