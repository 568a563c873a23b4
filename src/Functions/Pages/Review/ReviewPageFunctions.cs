using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Domain.Notifications;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Pages.Shared;

namespace Pathfinder.Functions.Pages.Review;

/// <summary>
/// The reviewer's pages: their SHA's applications, one application with its forms, and the forms' posts. The forms go
/// through <see cref="ReviewerCommands"/>, as the API's commands do; after a post the browser is sent back to the
/// application (a redirect after the post), which shows the outcome, so reloading never sends a form twice.
/// </summary>
public sealed class ReviewPageFunctions(
    ApplicationRepository applications,
    ReviewerCommands reviewer,
    PageAccess access,
    Notifications.Delivery.DeliveryTracking deliveries,
    TimeProvider time
)
{
    [Function(nameof(ReviewListPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ReviewListPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var (status, problems) = StatusFilter(request);
        var ct = request.HttpContext.RequestAborted;
        var records = await applications.ListAsync(staff.IsNational ? null : staff.Sha!.Code, status, ct);
        var holders = await applications.HoldersOfAsync(
            records.SelectMany(r => r.PracticeCodes).Distinct(),
            ct,
            records
        );
        var now = time.GetUtcNow();
        var rows = records
            .OrderBy(r => r.ReviewDeadline)
            .ThenBy(r => r.Reference, StringComparer.Ordinal)
            .Select(r => new ReviewListRow(
                ApplicationListItem.Of(r, now),
                r.ProjectedStatus,
                (int)Math.Ceiling((r.ReviewDeadline - now).TotalDays),
                PracticeConflicts.Find(r.ToSummary(), holders).Count
            ))
            .ToList();
        return await access.Pages.RenderAsync<ReviewList>(
            request.HttpContext,
            staff,
            new ReviewListModel(rows, status?.ToString(), staff.IsNational, problems),
            problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK
        );
    }

    /// <summary>
    /// The list as a CSV file, with the list's filter (<c>?status=</c>): the SHA's own applications for its reviewers,
    /// every SHA's for the national team. An unknown status is the list page with its error, not a file.
    /// </summary>
    [Function(nameof(ReviewListCsv))]
    public async Task<Results<FileContentHttpResult, HtmlPage, RedirectHttpResult>> ReviewListCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/export/csv")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out var staff))
        {
            return refusal.OrFile();
        }
        var (status, problems) = StatusFilter(request);
        if (problems.Count > 0)
        {
            return (await ReviewListPage(request)).OrFile();
        }
        var records = await applications.ListAsync(
            staff.IsNational ? null : staff.Sha!.Code,
            status,
            request.HttpContext.RequestAborted
        );
        return Reports
            .ReportTables.Applications(
                records.OrderBy(r => r.ReviewDeadline).ThenBy(r => r.Reference, StringComparer.Ordinal),
                time.GetUtcNow()
            )
            .ToResult();
    }

    /// <summary>The list's <c>?status=</c> filter, or the problem with it.</summary>
    private static (ApplicationStatus? Status, List<ValidationProblem> Problems) StatusFilter(HttpRequest request)
    {
        var statusText = request.Query["status"].FirstOrDefault();
        if (string.IsNullOrEmpty(statusText))
        {
            return (null, []);
        }
        return Enum.TryParse<ApplicationStatus>(statusText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? (parsed, [])
            : (null, [new ValidationProblem("status", "Choose a status from the list.")]);
    }

    [Function(nameof(ApplicationPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ApplicationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await FindAsync(request, id, forPost: false)).Refuses(out var refusal, out var found))
        {
            return refusal;
        }
        return await ShowAsync(
            request,
            found,
            ApplicationForm.None,
            [],
            DecisionFormValues.Empty,
            null,
            DateInputValues.Empty,
            request.Query["done"].FirstOrDefault()
        );
    }

    [Function(nameof(DecideOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> DecideOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{id}/decision")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await FindAsync(request, id, forPost: true)).Refuses(out var refusal, out var found))
        {
            return refusal;
        }
        var values = DecisionFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        var outcome = await reviewer.DecideAsync(found, values.ToRequest(), client, request.HttpContext.RequestAborted);
        return await AnswerAsync(
            request,
            found,
            outcome,
            ApplicationForm.Decision,
            values,
            null,
            DateInputValues.Empty
        );
    }

    [Function(nameof(WithdrawOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> WithdrawOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{id}/withdrawal")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await FindAsync(request, id, forPost: true)).Refuses(out var refusal, out var found))
        {
            return refusal;
        }
        var reason = (await request.ReadFormAsync(request.HttpContext.RequestAborted))["reason"].FirstOrDefault();
        var outcome = await reviewer.WithdrawAsync(found, reason, client, request.HttpContext.RequestAborted);
        return await AnswerAsync(
            request,
            found,
            outcome,
            ApplicationForm.Withdrawal,
            DecisionFormValues.Empty,
            reason,
            DateInputValues.Empty
        );
    }

    [Function(nameof(AgreeGoLiveOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> AgreeGoLiveOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{id}/go-live")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await FindAsync(request, id, forPost: true)).Refuses(out var refusal, out var found))
        {
            return refusal;
        }
        var typed = DateInputValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted), "date");
        if (!typed.IsBlank && typed.ToDate() is null)
        {
            return await AnswerAsync(
                request,
                found,
                new CommandOutcome.Invalid(
                    [new ValidationProblem("date", "The go-live date must be a real date, for example 1 4 2011.")],
                    "The go-live date has problems"
                ),
                ApplicationForm.GoLive,
                DecisionFormValues.Empty,
                null,
                typed
            );
        }
        var outcome = await reviewer.AgreeGoLiveAsync(
            found,
            typed.ToDate(),
            client,
            request.HttpContext.RequestAborted
        );
        return await AnswerAsync(
            request,
            found,
            outcome,
            ApplicationForm.GoLive,
            DecisionFormValues.Empty,
            null,
            typed
        );
    }

    /// <summary>The application for this person: sign-in, 404, 403, then (for posts) a valid form token.</summary>
    private async Task<Step<ApplicationAccess.Found, Results<HtmlPage, RedirectHttpResult>>> FindAsync(
        HttpRequest request,
        string id,
        bool forPost
    )
    {
        if ((await access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var stored = await applications.GetStoredAsync(id, request.HttpContext.RequestAborted);
        if (stored is null)
        {
            return (await access.NotFoundAsync(request, staff, $"No application has reference '{id}'.")).AsAnswer();
        }
        if (ApplicationAccess.Refusal(staff, stored.Document, forChange: forPost) is { } why)
        {
            return (await access.ForbiddenAsync(request, staff, why)).AsAnswer();
        }
        if (forPost && await access.CheckFormAsync(request, staff) is { } expired)
        {
            return expired.AsAnswer();
        }
        return new ApplicationAccess.Found(stored, staff);
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> AnswerAsync(
        HttpRequest request,
        ApplicationAccess.Found found,
        CommandOutcome outcome,
        ApplicationForm sent,
        DecisionFormValues decision,
        string? reason,
        DateInputValues goLive
    ) =>
        outcome switch
        {
            CommandOutcome.Accepted => TypedResults.Redirect(
                $"/review/{Uri.EscapeDataString(found.Record.Reference)}?done={sent.ToString().ToLowerInvariant()}"
            ),
            CommandOutcome.Invalid invalid => await ShowAsync(
                request,
                found,
                sent,
                invalid.Problems,
                decision,
                reason,
                goLive,
                status: StatusCodes.Status400BadRequest
            ),
            CommandOutcome.Refused refused => await ShowAsync(
                request,
                found,
                sent,
                [new ValidationProblem(sent.ToString().ToLowerInvariant(), $"{refused.Title}: {refused.Detail}")],
                decision,
                reason,
                goLive,
                status: StatusCodes.Status409Conflict
            ),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };

    private async Task<Results<HtmlPage, RedirectHttpResult>> ShowAsync(
        HttpRequest request,
        ApplicationAccess.Found found,
        ApplicationForm sent,
        IReadOnlyList<ValidationProblem> problems,
        DecisionFormValues decision,
        string? reason,
        DateInputValues goLive,
        string? done = null,
        int status = StatusCodes.Status200OK
    )
    {
        var (record, staff) = (found.Record, found.Staff);
        var conflicts = PracticeConflicts.Find(
            record.ToSummary(),
            await applications.HoldersOfAsync(record.PracticeCodes, request.HttpContext.RequestAborted, [record])
        );
        // A holder's page is linked only for those who may open it (holders may be in another SHA).
        var holderIds = conflicts
            .SelectMany(c => c.AlsoListedBy.Append(c.Holder))
            .Select(h => h.ApplicationId)
            .Distinct();
        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in holderIds)
        {
            if (ApplicationRepository.ShaOf(holder) is { } sha && staff.MaySee(sha))
            {
                visible.Add(holder);
            }
        }
        var undelivered = (await deliveries.ForInstanceAsync(record.Reference, request.HttpContext.RequestAborted))
            .Where(d => DeliveryRules.IsProblem(d.Report.State))
            .ToList();
        var model = new ApplicationPageModel(
            ApplicationView.Of(record, conflicts, time.GetUtcNow()),
            record.ProjectedStatus,
            record.Pending.Count > 0,
            staff.MayDecide(record.ShaCode),
            visible,
            decision,
            reason,
            goLive,
            sent,
            problems,
            done is "decision" or "withdrawal" or "golive" ? done : null
        )
        {
            Undelivered = undelivered,
        };
        return await access.Pages.RenderAsync<ApplicationDetails>(request.HttpContext, staff, model, status);
    }
}
