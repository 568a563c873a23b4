using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Notifications.Activities;

/// <summary>The national team sees mail that could not be sent (and anything else in the outbox).</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", async (Outbox.Outbox outbox, string? status, CancellationToken ct) =>
        {
            OutboxStatus? wanted = null;
            if (status is not null)
            {
                if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                {
                    return Problems.Field("status", $"'{status}' is not a status; use pending, sending, sent or failed.",
                        "The list could not be filtered");
                }
                wanted = parsed;
            }
            return TypedResults.Ok(await outbox.ListAsync(wanted, 500, ct));
        }).RequireAuthorization(Security.NationalPolicy);
        return app;
    }
}
