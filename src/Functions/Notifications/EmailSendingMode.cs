namespace Pathfinder.Functions.Notifications;

/// <summary>Where email goes in this process, so start-up can say it once instead of leaving people to guess.</summary>
public sealed record EmailSendingMode(EmailTransport Transport, string Destination)
{
    public string Describe() =>
        Transport switch
        {
            EmailTransport.SendGrid => $"Email is sent through SendGrid at {Destination}.",
            _ => $"Email is written as .eml files to {Destination} (no SendGrid:ApiKey is set).",
        };
}

public enum EmailTransport
{
    SendGrid,
    PickupDirectory,
}
