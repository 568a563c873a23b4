using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Pages.Shared;

namespace Pathfinder.Functions.Pages.Review;

/// <summary>One row of the reviewer's list.</summary>
public sealed record ReviewListRow(
    ApplicationListItem Application,
    ApplicationStatus ShownStatus,
    int DaysLeft,
    int SharedPractices
);

/// <summary>The list page: the rows (sorted by deadline), the status filter, and a problem with the filter if
/// any.</summary>
public sealed record ReviewListModel(
    IReadOnlyList<ReviewListRow> Rows,
    string? Status,
    bool ShowSha,
    IReadOnlyList<ValidationProblem> Problems
);

/// <summary>What the decision form was filled with, to show it again beside its problems.</summary>
public sealed record DecisionFormValues(
    string? Outcome,
    string? GpLeadership,
    string? GpLeadershipNote,
    string? LocalAuthority,
    string? LocalAuthorityNote,
    string? Qipp,
    string? QippNote,
    string? Comments
)
{
    public static DecisionFormValues Empty { get; } = new(null, null, null, null, null, null, null, null);

    public static DecisionFormValues Read(IFormCollection form) =>
        new(
            form["outcome"].FirstOrDefault(),
            form["criteria.gpLeadership.demonstrated"].FirstOrDefault(),
            form["criteria.gpLeadership.note"].FirstOrDefault(),
            form["criteria.localAuthorityEngagement.demonstrated"].FirstOrDefault(),
            form["criteria.localAuthorityEngagement.note"].FirstOrDefault(),
            form["criteria.qippContribution.demonstrated"].FirstOrDefault(),
            form["criteria.qippContribution.note"].FirstOrDefault(),
            form["comments"].FirstOrDefault()
        );

    /// <summary>The same request the API reads from JSON, so the same rules judge it.</summary>
    public DecisionRequest ToRequest() =>
        new(
            Outcome,
            new CriteriaRequest(
                Criterion(GpLeadership, GpLeadershipNote),
                Criterion(LocalAuthority, LocalAuthorityNote),
                Criterion(Qipp, QippNote)
            ),
            Blank(Comments)
        );

    private static CriterionRequest Criterion(string? demonstrated, string? note) =>
        new(
            demonstrated switch
            {
                "true" => true,
                "false" => false,
                _ => null,
            },
            Blank(note)
        );

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Which form on the application page was sent, and what came of it.</summary>
public enum ApplicationForm
{
    None,
    Decision,
    Withdrawal,
    GoLive,
}

/// <summary>The application page: the application, what the viewer may do, and the state of its forms.</summary>
public sealed record ApplicationPageModel(
    ApplicationView View,
    ApplicationStatus ShownStatus,
    bool Pending,
    bool MayAct,
    IReadOnlySet<string> VisibleHolders,
    DecisionFormValues Decision,
    string? WithdrawalReason,
    DateInputValues GoLive,
    ApplicationForm Sent,
    IReadOnlyList<ValidationProblem> Problems,
    string? Done
)
{
    /// <summary>Copies of this application's emails that SendGrid could not deliver: someone has not been
    /// told.</summary>
    public IReadOnlyList<Notifications.Delivery.RecipientDelivery> Undelivered { get; init; } = [];
}
