using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Workflows;

/// <summary>What a restart or a termination did.</summary>
public abstract record MendOutcome
{
    private MendOutcome() { }

    /// <summary>Done; <paramref name="What"/> is the timeline line it recorded.</summary>
    public sealed record Done(string What) : MendOutcome;

    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : MendOutcome;

    public sealed record NotFound(string Detail) : MendOutcome;

    /// <summary>Nothing to mend, or not in this state (409).</summary>
    public sealed record Refused(string Title, string Detail) : MendOutcome;
}

/// <summary>
/// The national team's two ways to mend a workflow: restart it from the record, or terminate it with a reason. Each
/// is recorded in the application's timeline with who did it.
/// </summary>
public sealed class WorkflowMending(
    WorkflowChecks checks,
    ApplicationRepository applications,
    Outbox outbox,
    IOptions<ProgrammeOptions> programme
)
{
    /// <summary>The longest a reason may be: a sentence or two for the timeline.</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>How long a restart or a termination waits for the instance it terminates to stop.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts a new instance, under the same id, that continues from the record: a review keeps its deadline and the
    /// reminders not yet sent, an approved application waits for its wave, an announced one for its go-live. A
    /// workflow that is in step is not restarted (409), so a second press does nothing more.
    /// </summary>
    public async Task<MendOutcome> RestartAsync(
        DurableTaskClient durable,
        string reference,
        Staff by,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(by);
        var (record, instance, outOfStep) = await checks.CheckAsync(durable, reference, ct);
        if (record is null)
        {
            return new MendOutcome.NotFound($"No application has reference {reference}.");
        }
        if (ApplicationLifecycle.IsFinal(record.Status) || record.PersonalDataRemovedAt is not null)
        {
            return new MendOutcome.Refused(
                "The application has ended",
                $"It is {ApplicationLifecycle.Describe(record.Status)}: its workflow has nothing left to do."
            );
        }
        if (outOfStep is null)
        {
            return new MendOutcome.Refused(
                "Its workflow is in step",
                "It is where the record says it should be, so there is nothing to restart."
            );
        }
        if (instance?.IsRunning == true || instance?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            if (!await StopAsync(durable, reference, $"Restarted from the record by {by.Name}", ct))
            {
                // A new instance cannot take the id while the old one runs: nothing is recorded, press again.
                return new MendOutcome.Refused(
                    "Its workflow has not stopped yet",
                    $"It was told to stop but had not within {StopWait.TotalSeconds:N0} seconds. Try the restart again."
                );
            }
        }

        var original = instance?.ReadInputAs<ApplicationSubmission>();
        var queued = await QueuedKindsAsync(reference, ct);
        var line = $"Workflow restarted from the record ({outOfStep.What.TrimEnd('.')})";
        var restarted = await applications.UpdateAsync(
            reference,
            r =>
                Result.Success(
                    (r with { Restarts = r.Restarts + 1, WorkflowProblem = null }).With(
                        DateTimeOffset.UtcNow,
                        line,
                        by.Name
                    )
                ),
            ct
        );
        if (!restarted.IsSuccess)
        {
            return new MendOutcome.NotFound(restarted.Error);
        }
        var now = restarted.Value;
        var submission = new ApplicationSubmission(
            now.Reference,
            now.ReceivedAt,
            now.Form,
            now.Source,
            now.ReviewDeadline - now.ReceivedAt,
            []
        )
        {
            AcknowledgeTo = original?.AcknowledgeTo,
            GoLiveNoticeLeadTime = original?.GoLiveNoticeLeadTime,
            Resume = new WorkflowResume(
                now.Restarts,
                now.AppliedBatch,
                Checkpoints(now, original),
                queued,
                now.AnnouncedAt
            ),
        };
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApplicationOrchestrator),
            submission,
            new StartOrchestrationOptions(reference),
            ct
        );
        return new MendOutcome.Done(line);
    }

    /// <summary>Stops a running workflow, recording why; the application then shows in the list until
    /// restarted.</summary>
    public async Task<MendOutcome> TerminateAsync(
        DurableTaskClient durable,
        string reference,
        string? reason,
        Staff by,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(by);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaxLength)
        {
            return new MendOutcome.Invalid([
                new ValidationProblem(
                    "reason",
                    string.IsNullOrEmpty(reason)
                        ? "Enter why the workflow is being terminated."
                        : $"The reason must be {ReasonMaxLength} characters or fewer."
                ),
            ]);
        }
        var (record, instance, _) = await checks.CheckAsync(durable, reference, ct);
        if (record is null)
        {
            return new MendOutcome.NotFound($"No application has reference {reference}.");
        }
        if (instance is null || !(instance.IsRunning || instance.RuntimeStatus == OrchestrationRuntimeStatus.Suspended))
        {
            return new MendOutcome.Refused(
                "Its workflow is not running",
                instance is null
                    ? "There is no workflow to terminate."
                    : $"It is {instance.RuntimeStatus.ToString().ToLowerInvariant()} already."
            );
        }
        // Waits for it to stop, so the answer and the page after it show it terminated, and a restart can follow. One
        // slower than that is still terminating: the termination is recorded all the same.
        await StopAsync(durable, reference, $"{reason} ({by.Name})", ct);
        var line = $"Workflow terminated: {reason}";
        await applications.UpdateAsync(
            reference,
            r => Result.Success(r.With(DateTimeOffset.UtcNow, line, by.Name)),
            ct
        );
        return new MendOutcome.Done(line);
    }

    /// <summary>
    /// Terminates the instance; true once the task hub shows it ended, false if it had not within
    /// <see cref="StopWait"/>.
    /// </summary>
    private static async Task<bool> StopAsync(
        DurableTaskClient durable,
        string reference,
        string reason,
        CancellationToken ct
    )
    {
        await durable.TerminateInstanceAsync(reference, reason, ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(StopWait);
        try
        {
            await durable.WaitForInstanceCompletionAsync(reference, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The notifications sent once per application that the first instance already queued.</summary>
    private async Task<List<NotificationKind>> QueuedKindsAsync(string reference, CancellationToken ct)
    {
        var rows = await outbox.ListAsync(reference, ct);
        return
        [
            .. new[]
            {
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.GoLiveNotice,
            }.Where(k => rows.Any(e => e.Categories.Contains(k.ToString()))),
        ];
    }

    /// <summary>
    /// The review's checkpoints not yet recorded on the timeline: the original reminders (from the first instance's
    /// input while the task hub has it, else today's settings) and the original deadline.
    /// </summary>
    private List<ReviewCheckpoint> Checkpoints(ApplicationRecord record, ApplicationSubmission? original)
    {
        if (record.Status != ApplicationStatus.UnderReview)
        {
            return [];
        }
        var reminders = original?.Resume?.Checkpoints.Where(c => !c.IsDeadline).Select(c => c.At)
            ?? (original?.Window ?? ReviewWindow.For(record.ReceivedAt, programme.Value.Periods)).ReminderTimes;
        var recorded = record.Timeline.Select(t => t.At).ToHashSet();
        return
        [
            .. reminders
                .Where(at => at < record.ReviewDeadline && !recorded.Contains(at))
                .Select(at => new ReviewCheckpoint(record.Reference, at, false)),
            .. record.Overdue ? [] : new[] { new ReviewCheckpoint(record.Reference, record.ReviewDeadline, true) },
        ];
    }
}
