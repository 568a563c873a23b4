using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>Submitting, listing and reading applications.</summary>
public sealed class ApplicationFunctions(
    ApplicationRepository applications,
    ApplicationIntake intake,
    TimeProvider time,
    JsonSerializerOptions json
)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// 202 with the new application; the same answer for a retry with the same <c>Idempotency-Key</c>; 409 naming
    /// the consortium's application already under review.
    /// </summary>
    [Function(nameof(SubmitApplication))]
    public async Task<
        Results<Accepted<SubmittedApplication>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > SubmitApplication(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/applications")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        var key = request.Headers[IdempotencyKeyHeader].FirstOrDefault();
        if (key is not null && (string.IsNullOrWhiteSpace(key) || key.Length > 200))
        {
            return Problems.Field(
                IdempotencyKeyHeader,
                "Send an Idempotency-Key of 1 to 200 characters, or none.",
                "The submission could not be read"
            );
        }
        if ((await JsonBody.ReadAsync<ExpressionOfInterestForm>(request, json)).Refuses(out var problem, out var form))
        {
            return problem;
        }
        var submitted = await intake.SubmitAsync(form, "api", client, key, request.HttpContext.RequestAborted);
        if (!submitted.IsValid)
        {
            return Problems.Validation(submitted.Problems, "The expression of interest has problems");
        }
        var (application, outcome) = submitted.Value;
        var location = $"/api/applications/{application.Id}";
        if (outcome == SubmissionOutcome.AlreadyUnderReview)
        {
            request.HttpContext.Response.Headers.Location = location;
            return new ConflictProblem(
                "This consortium already has an application under review",
                $"'{application.ConsortiumName}' is under review as {application.Id}, due for a decision by "
                    + $"{UkTime.Describe(application.ReviewDeadline)}. Withdraw it before applying again.",
                new Dictionary<string, object?> { ["reference"] = application.Id }
            );
        }
        return TypedResults.Accepted(location, application);
    }

    [Function(nameof(ListApplications))]
    public async Task<Results<Ok<List<ApplicationListItem>>, ValidationAnswer, ProblemHttpResult>> ListApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var sha = request.Query["sha"].FirstOrDefault();
        var status = request.Query["status"].FirstOrDefault();
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
            // Access lets a reviewer in only with a known SHA.
            var own = staff.Sha!.Code;
            if (shaCode is not null && shaCode != own)
            {
                return Problems.Forbidden($"You review for {own}, not {shaCode}.");
            }
            shaCode = own;
        }
        if (Filters.Status<ApplicationStatus>(status).Refuses(out var statusProblem, out var wanted))
        {
            return statusProblem;
        }
        var now = time.GetUtcNow();
        var records = await applications.ListAsync(shaCode, wanted, request.HttpContext.RequestAborted);
        return TypedResults.Ok(records.OrderBy(r => r.ReceivedAt).Select(r => ApplicationListItem.Of(r, now)).ToList());
    }

    [Function(nameof(GetApplication))]
    public async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}")] HttpRequest request,
        string id
    )
    {
        if (
            (await ApplicationAccess.FindAsync(request, id, applications, forChange: false)).Refuses(
                out var refusal,
                out var found
            )
        )
        {
            return refusal;
        }
        var record = found.Record;
        var conflicts = PracticeConflicts.Find(
            record.ToSummary(),
            await applications.HoldersOfAsync(record.PracticeCodes, request.HttpContext.RequestAborted, [record])
        );
        return TypedResults.Ok(ApplicationView.Of(record, conflicts, time.GetUtcNow()));
    }
}

/// <summary>Finding an application for a signed-in person: 401, 404, or 403 when it is not theirs.</summary>
public static class ApplicationAccess
{
    /// <summary>The application as read for this request (its ETag guards a change), and who asked.</summary>
    public sealed record Found(Stored<ApplicationRecord> Stored, Staff Staff)
    {
        public ApplicationRecord Record => Stored.Document;
    }

    /// <summary>404 for an unknown id; 403 when the caller may not see (or, for changes, act on) it.</summary>
    public static async Task<Step<Found, ProblemHttpResult>> FindAsync(
        HttpRequest request,
        string id,
        ApplicationRepository applications,
        bool forChange
    )
    {
        if ((await Access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var stored = await applications.GetStoredAsync(id, request.HttpContext.RequestAborted);
        if (stored is null)
        {
            return Problems.NotFound($"No application has reference '{id}'.");
        }
        return Refusal(staff, stored.Document, forChange) is { } why
            ? Problems.Forbidden(why)
            : new Found(stored, staff);
    }

    /// <summary>
    /// Why this person may not see (or, for changes, act on) the application, or null: the rule the API and the
    /// pages both ask. The national team sees every application; only its SHA's reviewers act on one.
    /// </summary>
    public static string? Refusal(Staff staff, ApplicationRecord record, bool forChange)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(record);
        return !staff.MaySee(record.ShaCode) ? $"This application belongs to {record.ShaCode}."
            : forChange && !staff.MayDecide(record.ShaCode)
                ? $"Only reviewers of {record.ShaCode} act on this application."
            : null;
    }
}
