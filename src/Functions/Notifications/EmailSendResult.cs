namespace Pathfinder.Functions.Notifications;

/// <summary>
/// What became of a send: accepted with the provider's id for the message, or not sent and why.
/// Failures are values because a rejected email is an expected outcome the caller records, not a crash.
/// </summary>
public sealed record EmailSendResult(bool Sent, string? ProviderMessageId, string? FailureReason)
{
    public static EmailSendResult Accepted(string? providerMessageId) => new(true, providerMessageId, null);

    public static EmailSendResult Failed(string reason) => new(false, null, reason);
}
