namespace Pathfinder.Domain;

/// <summary>A practice the application lists that another consortium's application already holds.</summary>
public sealed record PracticeConflict(PracticeCode PracticeCode, string OtherApplicationId, string OtherConsortiumName);

/// <summary>
/// A practice belongs to at most one consortium at a time. Applications that are under review, approved, announced
/// or live hold their practices; a withdrawal or rejection releases them, which clears the conflict.
/// </summary>
public static class PracticeConflicts
{
    /// <summary>
    /// The conflicts between an application's practices and the other applications. <paramref name="others"/> may
    /// include the application itself (matched by id), so callers can pass every application they have.
    /// </summary>
    public static IReadOnlyList<PracticeConflict> Find(
        string applicationId, IEnumerable<PracticeCode> practiceCodes, IEnumerable<ApplicationSummary> others)
    {
        ArgumentNullException.ThrowIfNull(practiceCodes);
        ArgumentNullException.ThrowIfNull(others);
        var mine = practiceCodes.ToHashSet();
        return
        [
            .. others
                .Where(o => o.ApplicationId != applicationId && ApplicationLifecycle.HoldsPractices(o.Status))
                .SelectMany(o => o.PracticeCodes
                    .Where(mine.Contains)
                    .Distinct()
                    .Select(code => new PracticeConflict(code, o.ApplicationId, o.ConsortiumName)))
                .OrderBy(c => c.PracticeCode.Value, StringComparer.Ordinal)
                .ThenBy(c => c.OtherApplicationId, StringComparer.Ordinal),
        ];
    }

    /// <summary>An application can be approved only when none of its practices is held elsewhere.</summary>
    public static bool CanApprove(
        string applicationId, IEnumerable<PracticeCode> practiceCodes, IEnumerable<ApplicationSummary> others) =>
        Find(applicationId, practiceCodes, others).Count == 0;

    /// <summary>The conflicts in plain words, for a reviewer.</summary>
    public static string Describe(IEnumerable<PracticeConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var each = conflicts.Select(c =>
            $"practice {c.PracticeCode} is also in '{c.OtherConsortiumName}' (application {c.OtherApplicationId})");
        return "This application cannot be approved while its practices belong to another consortium: " +
               string.Join("; ", each) + ".";
    }
}
