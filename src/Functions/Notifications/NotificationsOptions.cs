using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Notifications;

/// <summary>Settings for notifications that do not depend on the provider, bound from "Notifications".</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// Where .eml files go when no SendGrid API key is set. A relative path is taken from the current directory
    /// and made absolute at start-up, so the log line says exactly where to look.
    /// </summary>
    [Required]
    public string PickupDirectory { get; set; } = Path.Combine(".local", "mail");
}
