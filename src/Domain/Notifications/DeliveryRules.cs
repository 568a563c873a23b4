namespace Pathfinder.Domain.Notifications;

/// <summary>What the mail provider last said of one recipient's copy of a notification.</summary>
public enum DeliveryState
{
    /// <summary>Accepted and queued for delivery.</summary>
    Processed,

    /// <summary>The receiving server asked to try later; the provider keeps trying for up to 72 hours.</summary>
    Deferred,

    /// <summary>The receiving server accepted it.</summary>
    Delivered,

    /// <summary>The receiving server refused it for good (no such mailbox, say).</summary>
    Bounce,

    /// <summary>The provider would not send it (an address that bounced before, or unsubscribed).</summary>
    Dropped,

    /// <summary>The receiving server refused it for now, for a reason of its own (a block list, say).</summary>
    Blocked,

    /// <summary>The recipient marked it as spam.</summary>
    SpamReport,
}

/// <summary>One thing the provider said about one recipient's copy, when it happened, and why.</summary>
public sealed record DeliveryReport(DeliveryState State, DateTimeOffset At, string? Reason);

/// <summary>
/// The rules for a notification's delivery state. Events arrive in any order and more than once (the provider posts
/// them in batches and retries whole batches), so the state a report leaves must not depend on the order or the
/// number of times reports arrive: a later stage of the journey always wins over an earlier one, and of two reports
/// at the same stage the later one in time wins.
/// </summary>
public static class DeliveryRules
{
    /// <summary>The state a SendGrid event type stands for; null for engagement events (open, click, ...).</summary>
    public static DeliveryState? FromSendGrid(string eventType, string? bounceType) =>
        eventType switch
        {
            "processed" => DeliveryState.Processed,
            "deferred" => DeliveryState.Deferred,
            "delivered" => DeliveryState.Delivered,
            // SendGrid reports a block as a bounce with type "blocked".
            "bounce" when string.Equals(bounceType, "blocked", StringComparison.OrdinalIgnoreCase) =>
                DeliveryState.Blocked,
            "bounce" => DeliveryState.Bounce,
            "blocked" => DeliveryState.Blocked,
            "dropped" => DeliveryState.Dropped,
            "spamreport" => DeliveryState.SpamReport,
            _ => null,
        };

    /// <summary>True when the notification did not reach its reader: someone must act.</summary>
    public static bool IsProblem(DeliveryState state) =>
        state is DeliveryState.Bounce or DeliveryState.Dropped or DeliveryState.Blocked or DeliveryState.SpamReport;

    /// <summary>The report that stands once both are known, whichever arrived first.</summary>
    public static DeliveryReport Latest(DeliveryReport? current, DeliveryReport incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (current is null)
        {
            return incoming;
        }
        var (now, then) = (Stage(incoming.State), Stage(current.State));
        if (now != then)
        {
            return now > then ? incoming : current;
        }
        // Same stage: the later one in time; exactly the same time, a fixed order, so replays agree.
        return incoming.At != current.At
            ? (incoming.At > current.At ? incoming : current)
            : (incoming.State >= current.State ? incoming : current);
    }

    /// <summary>The worst of several recipients' states: what the national team must look at first.</summary>
    public static DeliveryState Worst(IEnumerable<DeliveryState> states) =>
        states.OrderByDescending(s => (IsProblem(s), Stage(s))).FirstOrDefault(DeliveryState.Processed);

    // How far along its journey a copy is. A refusal or a spam report ends it, even after "delivered": a receiving
    // server may bounce a message it first accepted.
    private static int Stage(DeliveryState state) =>
        state switch
        {
            DeliveryState.Processed => 0,
            DeliveryState.Deferred => 1,
            DeliveryState.Delivered => 2,
            DeliveryState.SpamReport => 4,
            _ => 3,
        };
}
