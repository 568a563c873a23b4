using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Retention;

/// <summary>
/// How long the programme keeps what it no longer needs (UK GDPR storage limitation). The defaults and the reasons
/// for them are in the README, "Retention".
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>A completed, failed or terminated orchestration's history is purged this long after it ended.</summary>
    public TimeSpan HistoryAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A rejected or withdrawn application's personal data is removed this long after it ended.</summary>
    public TimeSpan EndedApplicationsAfter { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A live pathfinder's personal data is removed this long after it went live.</summary>
    public TimeSpan LiveApplicationsAfter { get; set; } = TimeSpan.FromDays(730);

    /// <summary>An archived inbound email's blobs, sender, subject and text go this long after it arrived.</summary>
    public TimeSpan InboundEmailsAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many instances purged, applications anonymised or emails removed in one run.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (
            var (name, value) in new[]
            {
                (nameof(HistoryAfter), HistoryAfter),
                (nameof(EndedApplicationsAfter), EndedApplicationsAfter),
                (nameof(LiveApplicationsAfter), LiveApplicationsAfter),
                (nameof(InboundEmailsAfter), InboundEmailsAfter),
            }
        )
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{SectionName}:{name} must be a positive period.", [name]);
            }
        }
    }
}
