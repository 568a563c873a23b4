using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Delivery;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// Notifications that did not reach someone: those that could not be sent after every attempt (the outbox's failed
/// entries, as the API lists them), and those SendGrid accepted but could not deliver (bounced, dropped, blocked or
/// reported as spam, from its Event Webhook); and the page that sends one again, through
/// <see cref="NotificationResends"/> as the API does.
/// </summary>
public sealed class NotificationPageFunctions(Outbox outbox, NotificationResends resends, PageAccess access)
{
    /// <summary>At most this many failed entries are shown, as the API lists at most this many.</summary>
    public const int Shown = 500;

    [Function(nameof(FailedNotificationsPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> FailedNotificationsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/notifications")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var failed = await outbox.ListAsync(OutboxStatus.Failed, Shown, ct);
        var undelivered = await outbox.ListUndeliveredAsync(Shown, ct);
        return await access.Pages.RenderAsync<FailedNotifications>(
            request.HttpContext,
            staff,
            new NotificationProblems(
                [.. failed.OrderByDescending(e => e.CreatedAt)],
                [.. undelivered.OrderByDescending(e => e.Delivery!.Report.At)],
                request.Query["done"].FirstOrDefault() == "resent"
            )
        );
    }

    [Function(nameof(ResendNotificationPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ResendNotificationPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/notifications/{instanceId}/{step}/resend")]
            HttpRequest request,
        string instanceId,
        string step
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await ShowAsync(request, staff, instanceId, step, null, [], StatusCodes.Status200OK);
    }

    [Function(nameof(ResendNotificationOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ResendNotificationOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/notifications/{instanceId}/{step}/resend")]
            HttpRequest request,
        string instanceId,
        string step
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var to = form["to"].FirstOrDefault()?.Trim();
        var press = form["press"].FirstOrDefault() ?? "";
        var outcome = await resends.ResendAsync(
            instanceId,
            step,
            string.IsNullOrEmpty(to) ? null : to,
            press,
            staff,
            request.HttpContext.RequestAborted
        );
        return outcome switch
        {
            ResendOutcome.Queued => TypedResults.Redirect("/national/notifications?done=resent"),
            ResendOutcome.Invalid invalid => await ShowAsync(
                request,
                staff,
                instanceId,
                step,
                to,
                [
                    .. invalid.Problems.Select(p =>
                        p.Field == "to"
                            ? p
                            : p with
                            {
                                Field = "to",
                                Message = "The form was out of date: send it again.",
                            }
                    ),
                ],
                StatusCodes.Status400BadRequest
            ),
            ResendOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            ResendOutcome.Refused refused => await ShowAsync(
                request,
                staff,
                instanceId,
                step,
                to,
                [new ValidationProblem("to", $"{refused.Title}: {refused.Detail}")],
                StatusCodes.Status409Conflict
            ),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };
    }

    /// <summary>The notification, the copies already sent, and the form (keeping what was typed), or a 404
    /// page.</summary>
    private async Task<Results<HtmlPage, RedirectHttpResult>> ShowAsync(
        HttpRequest request,
        Staff staff,
        string instanceId,
        string step,
        string? to,
        IReadOnlyList<ValidationProblem> problems,
        int status
    )
    {
        var ct = request.HttpContext.RequestAborted;
        // One query of the instance's rows gives the notification and the copies already sent.
        var rows =
            NotificationResends.IsKey(instanceId) && NotificationResends.IsKey(step)
                ? await outbox.ListAsync(instanceId, ct)
                : [];
        if (rows.FirstOrDefault(e => e.Step == step) is not { } entry)
        {
            return await access.NotFoundAsync(request, staff, $"There is no notification {instanceId}/{step}.");
        }
        var copies = rows.Where(e => e.Step.StartsWith(step + NotificationResends.Again, StringComparison.Ordinal))
            .OrderBy(e => e.CreatedAt)
            .ToList();
        return await access.Pages.RenderAsync<NotificationResend>(
            request.HttpContext,
            staff,
            new ResendPageModel(
                entry,
                copies,
                ApplicationRepository.ShaOf(instanceId) is not null,
                to,
                Guid.NewGuid().ToString("N"),
                problems
            ),
            status
        );
    }
}

/// <summary>What the national team must act on: notifications never sent, and notifications sent but not
/// delivered.</summary>
public sealed record NotificationProblems(
    IReadOnlyList<OutboxEntry> Failed,
    IReadOnlyList<OutboxEntry> Undelivered,
    bool Resent
);

/// <summary>
/// The send-again page: the notification, its copies sent so far, whether it is about an application, what was typed
/// as the corrected address, this form's press id, and the problems to show.
/// </summary>
public sealed record ResendPageModel(
    OutboxEntry Entry,
    IReadOnlyList<OutboxEntry> Copies,
    bool IsApplication,
    string? To,
    string Press,
    IReadOnlyList<ValidationProblem> Problems
)
{
    public bool CanResend => Entry.Status == OutboxStatus.Failed || Entry.IsDeliveryProblem;
}
