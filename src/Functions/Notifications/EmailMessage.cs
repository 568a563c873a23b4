namespace Pathfinder.Functions.Notifications;

/// <summary>
/// One email to one or more recipients. Every message carries both a text and an HTML body because some
/// practice mail systems still show plain text only.
/// </summary>
public sealed record EmailMessage(IReadOnlyList<EmailAddress> To, string Subject, string TextBody, string HtmlBody)
{
    public IReadOnlyList<EmailAddress> To { get; } =
        To is { Count: > 0 } ? To : throw new ArgumentException("An email needs at least one recipient.", nameof(To));

    public string Subject { get; } = Required(Subject, nameof(Subject));

    public string TextBody { get; } = Required(TextBody, nameof(TextBody));

    public string HtmlBody { get; } = Required(HtmlBody, nameof(HtmlBody));

    /// <summary>Labels that group messages in the provider's statistics, e.g. "acknowledgement".</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>
    /// Names this message across resends (e.g. instance and step), so a second delivery of the same message can
    /// be recognised in the provider's activity feed.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// The outbox row it is sent from, carried to the provider (SendGrid's custom_args) so that what the provider
    /// later says of its delivery finds its notification.
    /// </summary>
    public Delivery.OutboxKey? Outbox { get; init; }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"An email needs a {name}.", name) : value;
}
