using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Notifications;

/// <summary>The outbox: what the national team sees of it, and the timer that retries what could not be sent.</summary>
public sealed class NotificationFunctions(Outbox.Outbox outbox)
{
    /// <summary>Mail that could not be sent (and anything else in the outbox), for the national team.</summary>
    [Function(nameof(Notifications))]
    public async Task<IResult> Notifications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications")] HttpRequest request)
    {
        var (_, refusal) = await Access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
        var (wanted, problem) = Filters.Status<OutboxStatus>(request.Query["status"].FirstOrDefault());
        return problem ?? TypedResults.Ok(await outbox.ListAsync(wanted, 500, request.HttpContext.RequestAborted));
    }

    /// <summary>
    /// Every minute: sends mail whose retry time has come (after a SendGrid outage, say) and puts back any whose
    /// sender died mid-send. Activities send at once; this is the safety net.
    /// </summary>
    [Function(nameof(DispatchOutbox))]
    public Task<int> DispatchOutbox([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        outbox.DispatchAsync(500, cancellationToken);
}
