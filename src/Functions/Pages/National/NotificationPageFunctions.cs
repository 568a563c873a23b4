using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// Notifications that did not reach someone: those that could not be sent after every attempt (the outbox's failed
/// entries, as the API lists them), and those SendGrid accepted but could not deliver (bounced, dropped, blocked or
/// reported as spam, from its Event Webhook).
/// </summary>
public sealed class NotificationPageFunctions(Outbox outbox, PageAccess access)
{
    /// <summary>At most this many failed entries are shown, as the API lists at most this many.</summary>
    public const int Shown = 500;

    [Function(nameof(FailedNotificationsPage))]
    public async Task<IResult> FailedNotificationsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/notifications")] HttpRequest request)
    {
        var (staff, refusal) = await access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var failed = await outbox.ListAsync(OutboxStatus.Failed, Shown, ct);
        var undelivered = await outbox.ListUndeliveredAsync(Shown, ct);
        return await access.Pages.RenderAsync<FailedNotifications>(request.HttpContext, staff,
            new NotificationProblems(
                [.. failed.OrderByDescending(e => e.CreatedAt)],
                [.. undelivered.OrderByDescending(e => e.Delivery!.Report.At)]));
    }
}

/// <summary>What the national team must act on: notifications never sent, and notifications sent but not delivered.</summary>
public sealed record NotificationProblems(IReadOnlyList<OutboxEntry> Failed, IReadOnlyList<OutboxEntry> Undelivered);
