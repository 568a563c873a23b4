using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Pages.National;

/// <summary>Notifications that could not be sent after every attempt: the outbox's failed entries, as the API lists them.</summary>
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
        var failed = await outbox.ListAsync(OutboxStatus.Failed, Shown, request.HttpContext.RequestAborted);
        return await access.Pages.RenderAsync<FailedNotifications>(request.HttpContext, staff,
            failed.OrderByDescending(e => e.CreatedAt).ToList());
    }
}
