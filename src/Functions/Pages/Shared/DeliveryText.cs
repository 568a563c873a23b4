using Pathfinder.Domain.Notifications;

namespace Pathfinder.Functions.Pages.Shared;

/// <summary>A delivery state in the words the national team reads.</summary>
public static class DeliveryText
{
    public static string Describe(DeliveryState state) =>
        state switch
        {
            DeliveryState.Processed => "Accepted by SendGrid",
            DeliveryState.Deferred => "Delayed: SendGrid is still trying",
            DeliveryState.Delivered => "Delivered",
            DeliveryState.Bounce => "Bounced",
            DeliveryState.Dropped => "Dropped by SendGrid",
            DeliveryState.Blocked => "Blocked by the receiving server",
            DeliveryState.SpamReport => "Reported as spam",
            _ => state.ToString(),
        };
}
