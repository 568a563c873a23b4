namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>A message as written, before anyone is chosen to receive it.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody)
{
    /// <summary>
    /// The message to send to <paramref name="to"/>, labelled with the kind of notification (e.g. "Acknowledgement")
    /// so the provider's statistics group it, and named by <paramref name="idempotencyKey"/> (instance and step) so
    /// a resend is recognisable.
    /// </summary>
    public EmailMessage ToMessage(IReadOnlyList<EmailAddress> to, string kind, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new EmailMessage(to, Subject, TextBody, HtmlBody)
        {
            Categories = [kind.Trim()],
            IdempotencyKey = idempotencyKey,
        };
    }
}
