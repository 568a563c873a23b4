namespace Pathfinder.Domain;

/// <summary>An application as a reviewer names it.</summary>
public sealed record ApplicationReference(string ApplicationId, string ConsortiumName);

/// <summary>
/// A practice the application lists that other standing applications list too: who holds it, and who else lists it
/// (the application asking is never in <paramref name="AlsoListedBy"/>).
/// </summary>
public sealed record PracticeConflict(
    PracticeCode PracticeCode,
    ApplicationReference Holder,
    IReadOnlyList<ApplicationReference> AlsoListedBy
)
{
    /// <summary>Whether this conflict stops <paramref name="applicationId"/> being approved: someone else holds
    /// it.</summary>
    public bool Blocks(string applicationId) => Holder.ApplicationId != applicationId;
}

/// <summary>
/// A practice belongs to at most one consortium at a time. The application received first holds it while that
/// application stands (under review, approved, announced or live); a later application listing the practice is
/// flagged and cannot be approved until the holder is rejected or withdrawn, when the next in line holds it.
/// So a late application, even from another SHA, can never block one its reviewer is ready to approve.
/// </summary>
public static class PracticeConflicts
{
    /// <summary>
    /// The practices <paramref name="application"/> shares with other standing applications. <paramref name="others"/>
    /// may include the application itself (matched by id), so callers can pass every application they have.
    /// </summary>
    public static IReadOnlyList<PracticeConflict> Find(
        ApplicationSummary application,
        IEnumerable<ApplicationSummary> others
    )
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(others);
        var standing = others
            .Where(o => o.ApplicationId != application.ApplicationId && ApplicationLifecycle.HoldsPractices(o.Status))
            .ToList();
        var conflicts = new List<PracticeConflict>();
        foreach (var code in application.PracticeCodes.Distinct().OrderBy(c => c.Value, StringComparer.Ordinal))
        {
            var listing = standing.Where(o => o.PracticeCodes.Contains(code)).ToList();
            if (listing.Count == 0)
            {
                continue;
            }
            var inLine = listing
                .Append(application)
                .OrderBy(a => a.ReceivedAt)
                .ThenBy(a => a.ApplicationId, StringComparer.Ordinal)
                .ToList();
            var holder = inLine[0];
            conflicts.Add(
                new PracticeConflict(
                    code,
                    Reference(holder),
                    [.. inLine.Skip(1).Where(a => a.ApplicationId != application.ApplicationId).Select(Reference)]
                )
            );
        }
        return conflicts;
    }

    /// <summary>An application can be approved only when it holds every practice it shares.</summary>
    public static bool CanApprove(ApplicationSummary application, IEnumerable<ApplicationSummary> others) =>
        Find(application, others).All(c => !c.Blocks(application.ApplicationId));

    /// <summary>Why <paramref name="applicationId"/> cannot be approved, in plain words for a reviewer.</summary>
    public static string Describe(string applicationId, IEnumerable<PracticeConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var each = conflicts
            .Where(c => c.Blocks(applicationId))
            .Select(c =>
                $"practice {c.PracticeCode} is held by '{c.Holder.ConsortiumName}' (application "
                + $"{c.Holder.ApplicationId}), "
                + "received earlier"
            );
        return "This application cannot be approved while its practices belong to another consortium: "
            + string.Join("; ", each)
            + ". It can be once that application is withdrawn or rejected.";
    }

    private static ApplicationReference Reference(ApplicationSummary a) => new(a.ApplicationId, a.ConsortiumName);
}
