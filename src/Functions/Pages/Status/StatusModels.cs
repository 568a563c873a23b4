using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Pages.Status;

/// <summary>
/// What the applicant's status page shows, and nothing more. It is built only from what the programme has already
/// told the applicant by email, so whoever holds the link learns nothing the applicant's inbox does not say:
/// <list type="bullet">
/// <item>the reference, consortium, SHA, when it was received and when the SHA's decision is due;</item>
/// <item>the status the orchestration has applied (not a decision accepted but not yet applied: the applicant hears of
/// a decision by email and on this page at the same moment);</item>
/// <item>for a rejection, the criteria the SHA found not demonstrated with the reviewer's reason for each, and the
/// decision's comments: the rejection email sends the applicant exactly these, and the programme says the applicant
/// sees the SHA's reasons. Notes on criteria that were demonstrated, and who decided, are not shown;</item>
/// <item>for a withdrawal, the reason given (the withdrawal email gives it too);</item>
/// <item>the wave, the go-live date, and for an approval the next scheduled wave's announcement date.</item>
/// </list>
/// Never shown: the form's contents (the applicant has their copy), practices shared with other consortia (they name
/// other groups), the timeline (it names reviewers), the reviewers' notes and anything about other applications.
/// </summary>
public sealed record StatusPageModel(
    string Reference,
    string ConsortiumName,
    ShaView Sha,
    ApplicationStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline,
    bool Overdue,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<CriterionNotMet> NotDemonstrated,
    string? Comments,
    string? WithdrawalReason,
    int? Wave,
    DateTimeOffset? AnnouncedAt,
    DateOnly? GoLive,
    Wave? NextWave
)
{
    public static StatusPageModel Of(ApplicationRecord record, IEnumerable<Wave> openWaves, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var rejected = record.Status == ApplicationStatus.Rejected ? record.Decision : null;
        return new StatusPageModel(
            record.Reference,
            record.ConsortiumName,
            ShaView.Of(record.ShaCode),
            record.Status,
            record.ReceivedAt,
            record.ReviewDeadline,
            record.IsOverdue(now),
            record.Status is ApplicationStatus.UnderReview or ApplicationStatus.Withdrawn
                ? null
                : record.Decision?.DecidedAt,
            rejected is null ? [] : ApplicationNotifier.NotDemonstrated(rejected.Criteria),
            rejected?.Comments,
            record.Status == ApplicationStatus.Withdrawn ? record.WithdrawalReason : null,
            record.Wave,
            record.AnnouncedAt,
            record.Status is ApplicationStatus.Approved or ApplicationStatus.Announced or ApplicationStatus.Live
                ? record.GoLive ?? record.AgreedGoLive
                : null,
            record.Status == ApplicationStatus.Approved && record.Decision is { } approved
                ? WavePlan.WaveFor(approved.DecidedAt, openWaves)
                : null
        );
    }
}
