namespace Pathfinder.Functions.Notifications;

/// <summary>Sends one email; implementations are SendGrid in Azure and a pickup directory locally.</summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken ct);
}
