using System.Diagnostics.CodeAnalysis;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// One expression of interest from receipt to live: acknowledge, review with reminders and escalation, decision,
/// wave announcement, go-live. It only sequences and waits: reviewers' commands are queued on the read model and
/// applied by <see cref="ApplicationActivities.ApplyPendingCommands"/> whenever the instance wakes; the rules live in
/// the Domain.
/// Versions (<see cref="OrchestrationVersions"/>): 1 (and instances from before versioning) as first built; 2 adds the
/// go-live notice to the lead GP, due <see cref="ApplicationSubmission.NoticeLeadTime"/> before go-live.
/// A workflow the national team restarts from the record is a new instance whose input carries
/// <see cref="ApplicationSubmission.Resume"/>: no instance started before that existed can take those branches, so
/// they need no new version. An activity that fails after its retries is recorded on the application before the
/// instance fails; that call comes after the last event of any history that failed, so replay is unchanged.
/// </summary>
public static class ApplicationOrchestrator
{
    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(10))
    );

    [Function(nameof(ApplicationOrchestrator))]
    public static async Task<string> RunAsync(
        [OrchestrationTrigger] TaskOrchestrationContext context,
        ApplicationSubmission submission
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            return await LiveAsync(context, submission);
        }
        catch (TaskFailedException e)
        {
            // An activity failed after all its retries: say so on the record now, so the national team's list and
            // the alert show it at once, not when someone happens to look. The instance then fails as before.
            await context.CallActivityAsync<bool>(
                nameof(WorkflowActivities.RecordWorkflowProblem),
                new WorkflowProblemReport(
                    submission.Reference,
                    context.CurrentUtcDateTime,
                    $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}"
                ),
                Retry
            );
            throw;
        }
    }

    private static async Task<string> LiveAsync(TaskOrchestrationContext context, ApplicationSubmission submission)
    {
        var resume = submission.Resume;
        var facts = resume is null
            ? await context.CallActivityAsync<ApplicationFacts>(
                nameof(ApplicationActivities.RegisterApplication),
                submission,
                Retry
            )
            : await context.CallActivityAsync<ApplicationFacts>(
                nameof(WorkflowActivities.ResumeApplication),
                submission.Reference,
                Retry
            );
        var notify = new ApplicationNotifier(context, facts, (resume?.Restart ?? 0) * WorkflowResume.StepsPerRestart);
        if (resume?.Queued.Contains(NotificationKind.Acknowledgement) != true)
        {
            await notify.SendAsync(
                (f, step) => new ApplicationNotification.Acknowledgement(f, step, submission.AcknowledgeTo)
            );
        }
        if (resume?.Queued.Contains(NotificationKind.NewApplication) != true)
        {
            await notify.SendAsync((f, step) => new ApplicationNotification.NewApplication(f, step));
        }

        var window = submission.Window;
        // A restarted workflow keeps the original deadline and only the checkpoints not yet recorded.
        var checkpoints = new Queue<ReviewCheckpoint>(
            resume?.Checkpoints
                ?? window
                    .ReminderTimes.Select(t => new ReviewCheckpoint(facts.Reference, t, false))
                    .Append(new ReviewCheckpoint(facts.Reference, window.Deadline, true))
        );
        var version = OrchestrationVersions.Of(context);
        var batch = resume?.BatchesApplied ?? 0;
        var status = ApplicationStatus.UnderReview;
        // Version 2: when the wave was announced (the notice is skipped if go-live is too soon after), and whether
        // sent.
        var announcedAt = resume?.AnnouncedAt;
        var noticeSent = resume?.Queued.Contains(NotificationKind.GoLiveNotice) == true;
        // One turn per wake-up until the application is rejected, withdrawn or live, which every path reaches: a few
        // dozen turns in its life (each wait at most one timer, cut into 3-day pieces), so no ContinueAsNew.
        while (!ApplicationLifecycle.IsFinal(status))
        {
            // Whatever woke the instance, first apply what reviewers asked, in the order they asked it.
            var applied = await context.CallActivityAsync<CommandsApplied>(
                nameof(ApplicationActivities.ApplyPendingCommands),
                new ApplyRequest(facts.Reference, ++batch),
                Retry
            );
            foreach (var command in applied.Applied)
            {
                await notify.CommandAppliedAsync(command);
            }
            status = applied.Status;
            if (ApplicationLifecycle.IsFinal(status))
            {
                continue;
            }
            var goLiveAt =
                applied.Status == ApplicationStatus.Announced
                    ? GoLive.StartsAt(applied.GoLive!.Value)
                    : (DateTimeOffset?)null;
            var noticeAt =
                version >= 2 && !noticeSent && goLiveAt is not null && announcedAt is { } announced
                    ? GoLiveNotice.DueAt(announced, applied.GoLive!.Value, submission.NoticeLeadTime)
                    : null;
            var until = applied.Status switch
            {
                ApplicationStatus.UnderReview => checkpoints.Count > 0 ? checkpoints.Peek().At : (DateTimeOffset?)null,
                ApplicationStatus.Announced => noticeAt < goLiveAt ? noticeAt : goLiveAt,
                _ => null,
            };
            if (until <= context.CurrentUtcDateTime)
            {
                if (applied.Status == ApplicationStatus.Announced && goLiveAt > context.CurrentUtcDateTime)
                {
                    // Version 2: the notice is due and go-live is still to come (a date moved late gets it at once).
                    await notify.SendAsync(
                        (f, step) =>
                            new ApplicationNotification.GoLiveNotice(
                                f,
                                step,
                                applied.GoLive!.Value,
                                context.CurrentUtcDateTime
                            )
                    );
                    noticeSent = true;
                    continue;
                }
                if (applied.Status == ApplicationStatus.Announced)
                {
                    await context.CallActivityAsync<bool>(
                        nameof(ApplicationActivities.RecordLive),
                        new GoingLive(facts.Reference, applied.GoLive!.Value, context.CurrentUtcDateTime),
                        Retry
                    );
                    await notify.SendAsync(
                        (f, step) => new ApplicationNotification.Live(f, step, applied.GoLive!.Value)
                    );
                    context.SetCustomStatus(new ApplicationProgress("live", null, "none: the pathfinder is live"));
                    status = ApplicationStatus.Live;
                    continue;
                }
                var checkpoint = checkpoints.Dequeue();
                await context.CallActivityAsync<bool>(
                    nameof(ApplicationActivities.RecordReviewCheckpoint),
                    checkpoint,
                    Retry
                );
                await notify.SendAsync(
                    (f, step) =>
                        checkpoint.IsDeadline
                            ? new ApplicationNotification.Escalation(f, step)
                            : new ApplicationNotification.ReviewReminder(f, step, context.CurrentUtcDateTime)
                );
                continue;
            }
            context.SetCustomStatus(Progress(applied.Status, goLiveAt ?? until, checkpoints.Count));
            if (await NextWakeAsync(context, until) is { } announcement && applied.Status == ApplicationStatus.Approved)
            {
                var recorded = await context.CallActivityAsync<AnnouncementRecorded>(
                    nameof(ApplicationActivities.RecordAnnouncement),
                    new AnnouncementChange(facts.Reference, announcement),
                    Retry
                );
                if (recorded.Applied)
                {
                    announcedAt = announcement.At;
                    await notify.SendAsync(
                        (f, step) => new ApplicationNotification.Announced(f, step, announcement.Wave, recorded.GoLive)
                    );
                }
            }
        }
        return ApplicationLifecycle.Describe(status);
    }

    /// <summary>
    /// Waits for a command, an announcement or <paramref name="until"/>, whichever comes first; returns the
    /// announcement if one came.
    /// </summary>
    [SuppressMessage(
        "Reliability",
        "CA1849:Call async methods when in an async method",
        Justification = "Cancel() must run inside the orchestrator's turn, as replay requires; CancelAsync would not."
    )]
    private static async Task<WaveAnnouncement?> NextWakeAsync(TaskOrchestrationContext context, DateTimeOffset? until)
    {
        using var cancel = new CancellationTokenSource();
        var command = context.WaitForExternalEvent<string>(ApplicationEvents.CommandAccepted, cancel.Token);
        var announced = context.WaitForExternalEvent<WaveAnnouncement>(ApplicationEvents.WaveAnnounced, cancel.Token);
        List<Task> waits = [command, announced];
        if (until is { } at)
        {
            waits.Add(context.CreateTimer(at.UtcDateTime, cancel.Token));
        }
        await Task.WhenAny(waits);
        // The losers must not keep the instance waiting (a timer) or swallow a later event (a waiter).
        cancel.Cancel();
        // Both events may have come in one batch: an announcement is never dropped for a command that won the race.
        return announced.IsCompletedSuccessfully ? announced.Result : null;
    }

    private static ApplicationProgress Progress(ApplicationStatus status, DateTimeOffset? until, int checkpointsLeft) =>
        status switch
        {
            ApplicationStatus.UnderReview => new ApplicationProgress(
                "underReview",
                until,
                checkpointsLeft > 0 ? "SHA decision" : "decision overdue: the SHA and the national team have been told"
            ),
            ApplicationStatus.Approved => new ApplicationProgress(
                "approved",
                null,
                "announcement in the next national wave"
            ),
            _ => new ApplicationProgress("announced", until, "go-live"),
        };
}
