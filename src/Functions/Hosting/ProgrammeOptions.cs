using System.ComponentModel.DataAnnotations;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>The programme's timings; override by environment (e.g. <c>Programme__ReviewPeriod=00:00:20</c>) to watch a
/// lifecycle in a minute.</summary>
public sealed class ProgrammeOptions : IValidatableObject
{
    public const string SectionName = "Programme";

    /// <summary>How long an SHA has to decide (28 days in the DH letter).</summary>
    public TimeSpan ReviewPeriod { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// When reviewers are reminded, counted from receipt; 14 and 21 days when none are configured. Empty by
    /// default because configuration binding adds to a list rather than replacing it.
    /// </summary>
    public List<TimeSpan> ReminderOffsets { get; set; } = [];

    /// <summary>
    /// How long before go-live the lead GP is told what go-live means (orchestration version 2 on): 14 days. Kept by
    /// each application from its submission, like the review period.
    /// </summary>
    public TimeSpan GoLiveNoticeLeadTime { get; set; } = GoLiveNotice.DefaultLeadTime;

    public ReviewPeriods Periods =>
        new(ReviewPeriod, ReminderOffsets.Count > 0 ? ReminderOffsets : [TimeSpan.FromDays(14), TimeSpan.FromDays(21)]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Periods
            .Check()
            .Select(p => new ValidationResult($"{SectionName}: {p.Message}", [p.Field]))
            .Concat(
                GoLiveNoticeLeadTime > TimeSpan.Zero
                    ? []
                    :
                    [
                        new ValidationResult(
                            $"{SectionName}: GoLiveNoticeLeadTime must be longer than zero.",
                            [nameof(GoLiveNoticeLeadTime)]
                        ),
                    ]
            );
}

/// <summary>Storage settings beyond the account itself (which <see cref="StorageConnection"/> reads).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Put before every table name (setting <c>Storage:TablePrefix</c>): lets several apps, or tests, share an
    /// account.</summary>
    [RegularExpression(
        "^[A-Za-z][A-Za-z0-9]{0,30}$|^$",
        ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter."
    )]
    public string TablePrefix { get; set; } = "";
}
