using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>What became of a reviewer's command: problems to fix, a refusal (409), or accepted and queued
/// (202).</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems, string Title) : CommandOutcome;

    public sealed record Refused(string Title, string Detail) : CommandOutcome;

    public sealed record Accepted(CommandReceipt Receipt) : CommandOutcome;
}

/// <summary>
/// A reviewer's decision, withdrawal and go-live date, judged and queued the same way whether they came from the API
/// or a page: the rules and messages are written once. Each is checked against the read model (and 409 only for
/// what really stands in the way), then queued durably for the application's orchestration.
/// </summary>
public sealed class ReviewerCommands(
    ApplicationRepository applications,
    ApplicationCommands commands,
    TimeProvider time
)
{
    public async Task<CommandOutcome> DecideAsync(
        ApplicationAccess.Found found,
        DecisionRequest body,
        DurableTaskClient client,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(found);
        var (record, staff) = (found.Record, found.Staff);
        var (decision, problems) = DecisionReading.Read(body, staff.Name, time.GetUtcNow());
        if (decision is null)
        {
            return new CommandOutcome.Invalid(problems, "The decision has problems");
        }
        if (decision.Outcome == ReviewOutcome.Approved)
        {
            var conflicts = PracticeConflicts.Find(
                record.ToSummary(),
                await applications.HoldersOfAsync(record.PracticeCodes, cancellationToken, [record])
            );
            if (conflicts.Any(c => c.Blocks(record.Reference)))
            {
                return new CommandOutcome.Refused(
                    "A practice belongs to another consortium",
                    PracticeConflicts.Describe(record.Reference, conflicts)
                );
            }
        }
        var recorded = new DecisionRecord(
            Guid.NewGuid().ToString("N"),
            decision.Outcome,
            decision.Criteria,
            decision.Comments,
            decision.Reviewer,
            decision.DecidedAt
        );
        var command = new DecisionRecorded(recorded.Id, staff.Name, decision.DecidedAt, recorded);
        return Outcome(
            record.Reference,
            command,
            await commands.AcceptAsync(
                found.Stored,
                command,
                r =>
                    r.ProjectedStatus == ApplicationStatus.UnderReview ? new CommandCheck.Accept()
                    : SameDecision(r, recorded) is { } earlier ? new CommandCheck.Repeat(earlier)
                    : new CommandCheck.Refuse("Already decided", DescribeDecided(r)),
                client,
                cancellationToken
            )
        );
    }

    public async Task<CommandOutcome> WithdrawAsync(
        ApplicationAccess.Found found,
        string? reason,
        DurableTaskClient client,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(found);
        var (record, staff) = (found.Record, found.Staff);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > ReviewRules.CommentsLength)
        {
            return new CommandOutcome.Invalid(
                [new ValidationProblem("reason", $"Keep the reason to {ReviewRules.CommentsLength:N0} characters.")],
                "The withdrawal has problems"
            );
        }
        var command = new WithdrawalRequested(Guid.NewGuid().ToString("N"), staff.Name, time.GetUtcNow(), reason);
        return Outcome(
            record.Reference,
            command,
            await commands.AcceptAsync(
                found.Stored,
                command,
                r =>
                    ApplicationLifecycle.CanMove(r.ProjectedStatus, ApplicationStatus.Withdrawn)
                        ? new CommandCheck.Accept()
                    : r.Pending.OfType<WithdrawalRequested>().FirstOrDefault(c => c.By == staff.Name) is { } queued
                        ? new CommandCheck.Repeat(queued.Id)
                    : new CommandCheck.Refuse(
                        "It can no longer be withdrawn",
                        ApplicationLifecycle.Move(r.ProjectedStatus, ApplicationStatus.Withdrawn).Error!
                    ),
                client,
                cancellationToken
            )
        );
    }

    public async Task<CommandOutcome> AgreeGoLiveAsync(
        ApplicationAccess.Found found,
        DateOnly? date,
        DurableTaskClient client,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(found);
        var (record, staff) = (found.Record, found.Staff);
        if (!ApplicationLifecycle.MayAgreeGoLive(record.ProjectedStatus))
        {
            return new CommandOutcome.Refused(
                "Go-live cannot be set now",
                ApplicationLifecycle.GoLiveRefusal(record.ProjectedStatus)
            );
        }
        if (date is not { } agreed)
        {
            return GoLiveProblem("Give the agreed go-live date, e.g. 2011-04-01.");
        }
        var now = time.GetUtcNow();
        var chosen = GoLive.Choose(agreed, record.AnnouncedAt ?? now);
        if (!chosen.IsSuccess)
        {
            return GoLiveProblem(chosen.Error);
        }
        var command = new GoLiveAgreed(Guid.NewGuid().ToString("N"), staff.Name, now, agreed);
        return Outcome(
            record.Reference,
            command,
            await commands.AcceptAsync(
                found.Stored,
                command,
                r =>
                    ApplicationLifecycle.MayAgreeGoLive(r.ProjectedStatus)
                        ? new CommandCheck.Accept()
                        : new CommandCheck.Refuse(
                            "Go-live cannot be set now",
                            ApplicationLifecycle.GoLiveRefusal(r.ProjectedStatus)
                        ),
                client,
                cancellationToken
            )
        );
    }

    private static CommandOutcome.Invalid GoLiveProblem(string message) =>
        new CommandOutcome.Invalid([new ValidationProblem("date", message)], "The go-live date has problems");

    private static CommandOutcome Outcome(string id, ApplicationCommand command, CommandAcceptance accepted) =>
        accepted.Refusal is { } refused
            ? new CommandOutcome.Refused(refused.Title, refused.Detail)
            : new CommandOutcome.Accepted(new CommandReceipt(id, accepted.CommandId!, command.Kind, accepted.Status));

    /// <summary>The id of an earlier decision (recorded or queued) identical to this one: a retry, not a second
    /// decision.</summary>
    private static string? SameDecision(ApplicationRecord record, DecisionRecord decision) =>
        record
            .Pending.OfType<DecisionRecorded>()
            .Select(c => c.Decision)
            .Append(record.Decision)
            .FirstOrDefault(d =>
                d is not null
                && d.Outcome == decision.Outcome
                && d.Criteria == decision.Criteria
                && d.Comments == decision.Comments
                && d.Reviewer == decision.Reviewer
            )
            ?.Id;

    private static string DescribeDecided(ApplicationRecord record) =>
        (record.Decision ?? record.Pending.OfType<DecisionRecorded>().FirstOrDefault()?.Decision) is { } d
            ? $"{record.Reference} was {d.Outcome.ToString().ToLowerInvariant()} by {d.Reviewer} on "
                + $"{UkTime.Describe(d.DecidedAt)}."
            : $"{record.Reference} is {ApplicationLifecycle.Describe(record.ProjectedStatus)}.";
}
