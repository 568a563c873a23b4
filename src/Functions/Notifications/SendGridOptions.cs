using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Notifications;

/// <summary>Settings for the SendGrid v3 Mail Send client, bound from the "SendGrid" section.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    /// <summary>Secret. When it is not set, email is written to the pickup directory instead of sent.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API host; the EU data residency endpoint is https://api.eu.sendgrid.com.</summary>
    [Required]
    [AbsoluteHttpUrl]
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary>Must be a verified sender identity in the SendGrid account.</summary>
    [Required]
    [EmailAddress]
    public string FromEmail { get; set; } = "pathfinders@onboarding.example.nhs.uk";

    public string FromName { get; set; } = "GP Pathfinder Programme";

    /// <summary>Tries in all, the first included, for rate limits (429) and server errors (5xx).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;
}
