namespace Pathfinder.Functions.Notifications.Outbox;

/// <summary>Where a message is on its way out.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent, now or after a backoff.</summary>
    Pending,

    /// <summary>A dispatcher has claimed it and is sending it.</summary>
    Sending,

    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; the national team sees it in the list of failed notifications.</summary>
    Failed,
}

/// <summary>One logical message of one orchestration step, as the national team sees it (without the bodies).</summary>
public sealed record OutboxEntry(
    string InstanceId,
    string Step,
    OutboxStatus Status,
    string Subject,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Categories,
    int Attempts,
    string? LastError,
    string? ProviderMessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt
)
{
    /// <summary>What the provider last said of the worst-off copy, once its Event Webhook has said anything.</summary>
    public Delivery.RecipientDelivery? Delivery { get; init; }

    /// <summary>Bounced, dropped, blocked or reported as spam: the national team must act.</summary>
    public bool IsDeliveryProblem => Delivery is { } d && Domain.Notifications.DeliveryRules.IsProblem(d.Report.State);
}
