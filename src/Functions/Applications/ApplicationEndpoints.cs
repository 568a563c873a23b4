using System.Text.Json;
using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>Submitting, reading and deciding applications.</summary>
public static class ApplicationEndpoints
{
    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications");
        group.MapPost("", SubmitAsync).AddEndpointFilter<IntakeKeyFilter>();
        group.MapGet("", ListAsync).RequireAuthorization(Security.StaffPolicy);
        group.MapGet("{id}", GetAsync).RequireAuthorization(Security.StaffPolicy);
        group.MapPost("{id}/decision", DecideAsync).RequireAuthorization(Security.StaffPolicy);
        group.MapPost("{id}/withdrawal", WithdrawAsync).RequireAuthorization(Security.StaffPolicy);
        group.MapPut("{id}/go-live", SetGoLiveAsync).RequireAuthorization(Security.StaffPolicy);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ApplicationIntake intake, JsonSerializerOptions json)
    {
        var (form, problem) = await JsonBody.ReadAsync<ExpressionOfInterestForm>(request, json);
        if (problem is not null)
        {
            return problem;
        }
        var submitted = await intake.SubmitAsync(form!, "api", request.HttpContext.RequestAborted);
        return submitted.IsValid
            ? TypedResults.Accepted($"/api/applications/{submitted.Value.Id}", submitted.Value)
            : Problems.Validation(submitted.Problems, "The expression of interest has problems");
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApplicationRepository applications, TimeProvider time,
        string? sha, string? status)
    {
        var staff = Staff.From(http.User);
        string? shaCode = null;
        if (sha is not null)
        {
            var parsed = ShaCode.From(sha);
            if (!parsed.IsSuccess)
            {
                return Problems.Field("sha", parsed.Error, "The list could not be filtered");
            }
            shaCode = parsed.Value.Code;
        }
        if (!staff.IsNational)
        {
            if (shaCode is not null && !staff.MaySee(shaCode))
            {
                return Problems.Forbidden($"You review for {staff.Sha?.Code ?? "no SHA"}, not {shaCode}.");
            }
            shaCode = staff.Sha?.Code;
            if (shaCode is null)
            {
                return Problems.Forbidden("Your sign-in names no SHA (claim 'sha').");
            }
        }
        ApplicationStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            {
                return Problems.Field("status", $"'{status}' is not a status; use one of " +
                    string.Join(", ", Enum.GetNames<ApplicationStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName)) + ".",
                    "The list could not be filtered");
            }
            wanted = s;
        }
        var now = time.GetUtcNow();
        var records = await applications.ListAsync(shaCode, wanted, http.RequestAborted);
        return TypedResults.Ok(records.OrderBy(r => r.ReceivedAt).Select(r => ApplicationListItem.Of(r, now)).ToList());
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, ApplicationRepository applications, TimeProvider time)
    {
        var (record, refusal) = await FindAsync(http, id, applications, forChange: false);
        if (refusal is not null)
        {
            return refusal;
        }
        var conflicts = PracticeConflicts.Find(record!.Reference, record.ToSummary().PracticeCodes,
            await applications.HoldersOfAsync(record.PracticeCodes, http.RequestAborted));
        return TypedResults.Ok(ApplicationView.Of(record, conflicts, time.GetUtcNow()));
    }

    private static async Task<IResult> DecideAsync(HttpContext http, string id, ApplicationRepository applications,
        DurableTaskClient client, TimeProvider time, JsonSerializerOptions json)
    {
        var (record, refusal) = await FindAsync(http, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        if (record!.Status != ApplicationStatus.UnderReview)
        {
            return AlreadyDecided(record);
        }
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(http.Request, json);
        if (problem is not null)
        {
            return problem;
        }
        var staff = Staff.From(http.User);
        var (decision, problems) = DecisionReading.Read(body!, staff.Name, time.GetUtcNow());
        if (decision is null)
        {
            return Problems.Validation(problems, "The decision has problems");
        }
        if (decision.Outcome == ReviewOutcome.Approved)
        {
            var conflicts = PracticeConflicts.Find(record.Reference, record.ToSummary().PracticeCodes,
                await applications.HoldersOfAsync(record.PracticeCodes, http.RequestAborted));
            if (conflicts.Count > 0)
            {
                return Problems.Conflict("A practice belongs to another consortium",
                    PracticeConflicts.Describe(conflicts) + " It cannot be approved until the other application is withdrawn or rejected.");
            }
        }

        var recorded = new DecisionRecord(Guid.NewGuid().ToString("N"), decision.Outcome, decision.Criteria,
            decision.Comments, decision.Reviewer, decision.DecidedAt);
        await client.RaiseEventAsync(record.Reference, ApplicationCommand.EventName,
            new ApplicationCommand(ApplicationCommandKind.Decision, staff.Name, decision.DecidedAt) { Decision = recorded },
            http.RequestAborted);
        var after = await applications.GetAsync(record.Reference, http.RequestAborted);
        return after?.Decision?.Id == recorded.Id
            ? TypedResults.Ok(ApplicationView.Of(after, [], time.GetUtcNow()))
            : AlreadyDecided(after ?? record);
    }

    private static async Task<IResult> WithdrawAsync(HttpContext http, string id, ApplicationRepository applications,
        DurableTaskClient client, TimeProvider time, JsonSerializerOptions json)
    {
        var (record, refusal) = await FindAsync(http, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!ApplicationLifecycle.CanMove(record!.Status, ApplicationStatus.Withdrawn))
        {
            return Problems.Conflict("It can no longer be withdrawn",
                ApplicationLifecycle.Move(record.Status, ApplicationStatus.Withdrawn).Error!);
        }
        WithdrawalRequest? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.HasJsonContentType())
        {
            (body, var problem) = await JsonBody.ReadAsync<WithdrawalRequest>(http.Request, json);
            if (problem is not null)
            {
                return problem;
            }
        }
        var staff = Staff.From(http.User);
        await client.RaiseEventAsync(record.Reference, ApplicationCommand.EventName,
            new ApplicationCommand(ApplicationCommandKind.Withdrawal, staff.Name, time.GetUtcNow()) { Reason = body?.Reason },
            http.RequestAborted);
        var after = await applications.GetAsync(record.Reference, http.RequestAborted);
        return after?.Status == ApplicationStatus.Withdrawn
            ? TypedResults.Ok(ApplicationView.Of(after, [], time.GetUtcNow()))
            : Problems.Conflict("It can no longer be withdrawn", $"The application is {ApplicationLifecycle.Describe(after!.Status)}.");
    }

    private static async Task<IResult> SetGoLiveAsync(HttpContext http, string id, ApplicationRepository applications,
        DurableTaskClient client, TimeProvider time, JsonSerializerOptions json)
    {
        var (record, refusal) = await FindAsync(http, id, applications, forChange: true);
        if (refusal is not null)
        {
            return refusal;
        }
        if (record!.Status is not (ApplicationStatus.Approved or ApplicationStatus.Announced))
        {
            return Problems.Conflict("Go-live cannot be set now",
                $"Go-live is agreed for approved or announced pathfinders; this application is {ApplicationLifecycle.Describe(record.Status)}.");
        }
        var (body, problem) = await JsonBody.ReadAsync<GoLiveRequest>(http.Request, json);
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
        var staff = Staff.From(http.User);
        var updated = await applications.UpdateAsync(record.Reference, r => r.Status is ApplicationStatus.Approved or ApplicationStatus.Announced
            ? Result.Success((r with { AgreedGoLive = date, GoLive = r.Status == ApplicationStatus.Announced ? date : r.GoLive })
                .With(now, $"Go-live agreed for {UkTime.Describe(date)}", staff.Name))
            : Result.Failure<ApplicationRecord>($"The application is {ApplicationLifecycle.Describe(r.Status)}."), http.RequestAborted);
        if (!updated.IsSuccess)
        {
            return Problems.Conflict("Go-live cannot be set now", updated.Error);
        }
        await client.RaiseEventAsync(record.Reference, ApplicationCommand.EventName,
            new ApplicationCommand(ApplicationCommandKind.GoLiveAgreed, staff.Name, now) { GoLive = date }, http.RequestAborted);
        return TypedResults.Ok(ApplicationView.Of(updated.Value, [], now));
    }

    /// <summary>404 for an unknown id; 403 when the caller may not see (or, for changes, act on) it.</summary>
    private static async Task<(ApplicationRecord? Record, IResult? Refusal)> FindAsync(HttpContext http, string id,
        ApplicationRepository applications, bool forChange)
    {
        var record = await applications.GetAsync(id, http.RequestAborted);
        if (record is null)
        {
            return (null, Problems.NotFound($"No application has reference '{id}'."));
        }
        var staff = Staff.From(http.User);
        var allowed = forChange ? staff.MayDecide(record.ShaCode) : staff.MaySee(record.ShaCode);
        return allowed
            ? (record, null)
            : (null, Problems.Forbidden(forChange
                ? $"Only reviewers of {record.ShaCode} act on this application."
                : $"This application belongs to {record.ShaCode}."));
    }

    private static IResult AlreadyDecided(ApplicationRecord record) =>
        Problems.Conflict("Already decided",
            record.Decision is { } d
                ? $"{record.Reference} was {d.Outcome.ToString().ToLowerInvariant()} by {d.Reviewer} on {UkTime.Describe(d.DecidedAt)}."
                : $"{record.Reference} is {ApplicationLifecycle.Describe(record.Status)}.");
}
