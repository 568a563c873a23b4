using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// A reviewer's decision, withdrawal and go-live date. Each validates against the read model (400, 403, 404, and 409
/// only for what really stands in the way), queues the command durably, and answers 202 with the application's
/// <c>Location</c>; the orchestration applies it within a second or two.
/// </summary>
public sealed class ApplicationCommandFunctions(
    ApplicationRepository applications,
    ApplicationCommands commands,
    TimeProvider time,
    JsonSerializerOptions json)
{
    [Function(nameof(DecideApplication))]
    public async Task<IResult> DecideApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/decision")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client)
    {
        var (found, refusal) = await ApplicationAccess.FindAsync(request, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        var (record, staff) = found!;
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(request, json);
        if (problem is not null)
        {
            return problem;
        }
        var (decision, problems) = DecisionReading.Read(body!, staff.Name, time.GetUtcNow());
        if (decision is null)
        {
            return Problems.Validation(problems, "The decision has problems");
        }
        if (decision.Outcome == ReviewOutcome.Approved)
        {
            var conflicts = PracticeConflicts.Find(record.ToSummary(),
                await applications.HoldersOfAsync(record.PracticeCodes, request.HttpContext.RequestAborted));
            if (!conflicts.All(c => !c.Blocks(record.Reference)))
            {
                return Problems.Conflict("A practice belongs to another consortium",
                    PracticeConflicts.Describe(record.Reference, conflicts));
            }
        }
        var recorded = new DecisionRecord(Guid.NewGuid().ToString("N"), decision.Outcome, decision.Criteria,
            decision.Comments, decision.Reviewer, decision.DecidedAt);
        var command = new ApplicationCommand(recorded.Id, ApplicationCommandKind.Decision, staff.Name, decision.DecidedAt)
        {
            Decision = recorded,
        };
        return Answer(id, command, await commands.AcceptAsync(id, command, r =>
            r.ProjectedStatus == ApplicationStatus.UnderReview
                ? new CommandCheck.Accept()
                : SameDecision(r, recorded) is { } earlier
                    ? new CommandCheck.Repeat(earlier)
                    : new CommandCheck.Refuse("Already decided", DescribeDecided(r)), client, request.HttpContext.RequestAborted));
    }

    [Function(nameof(WithdrawApplication))]
    public async Task<IResult> WithdrawApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/withdrawal")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client)
    {
        var (found, refusal) = await ApplicationAccess.FindAsync(request, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        var (record, staff) = found!;
        WithdrawalRequest? body = null;
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            (body, var problem) = await JsonBody.ReadAsync<WithdrawalRequest>(request, json);
            if (problem is not null)
            {
                return problem;
            }
        }
        if (body?.Reason?.Trim().Length > ReviewRules.CommentsLength)
        {
            return Problems.Field("reason", $"Keep the reason to {ReviewRules.CommentsLength:N0} characters.",
                "The withdrawal has problems");
        }
        var command = new ApplicationCommand(Guid.NewGuid().ToString("N"), ApplicationCommandKind.Withdrawal, staff.Name,
            time.GetUtcNow()) { Reason = body?.Reason?.Trim() };
        return Answer(id, command, await commands.AcceptAsync(record.Reference, command, r =>
            ApplicationLifecycle.CanMove(r.ProjectedStatus, ApplicationStatus.Withdrawn)
                ? new CommandCheck.Accept()
                : r.Pending.FirstOrDefault(c => c.Kind == ApplicationCommandKind.Withdrawal && c.By == staff.Name) is { } queued
                    ? new CommandCheck.Repeat(queued.Id)
                    : new CommandCheck.Refuse("It can no longer be withdrawn",
                        ApplicationLifecycle.Move(r.ProjectedStatus, ApplicationStatus.Withdrawn).Error!),
            client, request.HttpContext.RequestAborted));
    }

    [Function(nameof(SetGoLive))]
    public async Task<IResult> SetGoLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "applications/{id}/go-live")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client)
    {
        var (found, refusal) = await ApplicationAccess.FindAsync(request, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        var (record, staff) = found!;
        if (!ApplicationLifecycle.MayAgreeGoLive(record.ProjectedStatus))
        {
            return Problems.Conflict("Go-live cannot be set now", ApplicationLifecycle.GoLiveRefusal(record.ProjectedStatus));
        }
        var (body, problem) = await JsonBody.ReadAsync<GoLiveRequest>(request, json);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Date is not { } date)
        {
            return Problems.Field("date", "Give the agreed go-live date, e.g. 2011-04-01.", "The go-live date has problems");
        }
        var now = time.GetUtcNow();
        var chosen = GoLive.Choose(date, record.AnnouncedAt ?? now);
        if (!chosen.IsSuccess)
        {
            return Problems.Field("date", chosen.Error, "The go-live date has problems");
        }
        var command = new ApplicationCommand(Guid.NewGuid().ToString("N"), ApplicationCommandKind.GoLiveAgreed, staff.Name, now)
        {
            GoLive = date,
        };
        return Answer(id, command, await commands.AcceptAsync(record.Reference, command, r =>
            ApplicationLifecycle.MayAgreeGoLive(r.ProjectedStatus)
                ? new CommandCheck.Accept()
                : new CommandCheck.Refuse("Go-live cannot be set now", ApplicationLifecycle.GoLiveRefusal(r.ProjectedStatus)),
            client, request.HttpContext.RequestAborted));
    }

    private static IResult Answer(string id, ApplicationCommand command, CommandAcceptance accepted) =>
        accepted.Refusal is { } refused
            ? Problems.Conflict(refused.Title, refused.Detail)
            : TypedResults.Accepted($"/api/applications/{id}",
                new CommandReceipt(id, accepted.CommandId!, command.Kind, accepted.Status));

    /// <summary>The id of an earlier decision (recorded or queued) identical to this one: a retry, not a second decision.</summary>
    private static string? SameDecision(ApplicationRecord record, DecisionRecord decision) =>
        record.Pending.Where(c => c.Kind == ApplicationCommandKind.Decision).Select(c => c.Decision!)
            .Append(record.Decision)
            .FirstOrDefault(d => d is not null && d.Outcome == decision.Outcome && d.Criteria == decision.Criteria &&
                                 d.Comments == decision.Comments && d.Reviewer == decision.Reviewer)?.Id;

    private static string DescribeDecided(ApplicationRecord record) =>
        (record.Decision ?? record.Pending.FirstOrDefault(c => c.Kind == ApplicationCommandKind.Decision)?.Decision) is { } d
            ? $"{record.Reference} was {d.Outcome.ToString().ToLowerInvariant()} by {d.Reviewer} on {UkTime.Describe(d.DecidedAt)}."
            : $"{record.Reference} is {ApplicationLifecycle.Describe(record.ProjectedStatus)}.";
}
