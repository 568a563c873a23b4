namespace Pathfinder.Domain;

/// <summary>
/// Which moves between statuses the programme allows. The SHA decides only while an application is under review;
/// a consortium may withdraw at any stage until it has gone live (after that it is commissioning for real).
/// </summary>
public static class ApplicationLifecycle
{
    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> Allowed = new()
    {
        [ApplicationStatus.UnderReview] =
        [
            ApplicationStatus.Approved,
            ApplicationStatus.Rejected,
            ApplicationStatus.Withdrawn,
        ],
        [ApplicationStatus.Approved] = [ApplicationStatus.Announced, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Announced] = [ApplicationStatus.Live, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Rejected] = [],
        [ApplicationStatus.Withdrawn] = [],
        [ApplicationStatus.Live] = [],
    };

    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) => Allowed[from].Contains(to);

    /// <summary>The move, or a plain-words reason it is refused (for a 409 from the API).</summary>
    public static Result<ApplicationStatus> Move(ApplicationStatus from, ApplicationStatus to)
    {
        if (CanMove(from, to))
        {
            return Result.Success(to);
        }

        return Result.Failure<ApplicationStatus>(
            to switch
            {
                ApplicationStatus.Approved or ApplicationStatus.Rejected =>
                    $"The application is {Describe(from)}; a decision can only be made while it is under review.",
                ApplicationStatus.Withdrawn => $"The application is {Describe(from)}; it can no longer be withdrawn.",
                _ => $"An application that is {Describe(from)} cannot become {Describe(to)}.",
            }
        );
    }

    /// <summary>The status after these moves in turn, skipping any the programme does not allow.</summary>
    public static ApplicationStatus After(ApplicationStatus from, IEnumerable<ApplicationStatus> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        return moves.Aggregate(from, (status, to) => CanMove(status, to) ? to : status);
    }

    /// <summary>Whether nothing more can happen to the application: rejected, withdrawn or live.</summary>
    public static bool IsFinal(ApplicationStatus status) => Allowed[status].Length == 0;

    /// <summary>Go-live is agreed with the PCT and SHA once approved, and may move until the pathfinder is
    /// live.</summary>
    public static bool MayAgreeGoLive(ApplicationStatus status) =>
        status is ApplicationStatus.Approved or ApplicationStatus.Announced;

    /// <summary>Why go-live cannot be agreed now, in plain words (for a 409).</summary>
    public static string GoLiveRefusal(ApplicationStatus status) =>
        $"Go-live is agreed for approved or announced pathfinders; this application is {Describe(status)}.";

    /// <summary>Whether an application in this status holds its practices against other consortia.</summary>
    public static bool HoldsPractices(ApplicationStatus status) =>
        status
            is ApplicationStatus.UnderReview
                or ApplicationStatus.Approved
                or ApplicationStatus.Announced
                or ApplicationStatus.Live;

    /// <summary>The status in plain words: "under review", "live".</summary>
    public static string Describe(ApplicationStatus status) =>
        status switch
        {
            ApplicationStatus.UnderReview => "under review",
            ApplicationStatus.Approved => "approved",
            ApplicationStatus.Rejected => "rejected",
            ApplicationStatus.Withdrawn => "withdrawn",
            ApplicationStatus.Announced => "announced",
            ApplicationStatus.Live => "live",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
}
