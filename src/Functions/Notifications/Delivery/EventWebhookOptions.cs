using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Notifications.Delivery;

/// <summary>SendGrid's signed Event Webhook, bound from "SendGrid:EventWebhook".</summary>
public sealed class EventWebhookOptions
{
    public const string SectionName = "SendGrid:EventWebhook";

    /// <summary>
    /// The verification key SendGrid shows when signing is turned on (base64, an ECDSA P-256 public key); a Key Vault
    /// reference in Azure. Not secret, but it decides whom we believe. Without it, every post is refused.
    /// </summary>
    public string? VerificationKey { get; set; }

    /// <summary>The largest post read. SendGrid posts at most 1,000 events, a few hundred bytes each.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}
