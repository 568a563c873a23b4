namespace Pathfinder.Domain;

/// <summary>
/// Reads support needs as people write them. Forms come from JSON (<c>GovernanceModels</c>) and from emails
/// ("clinical &amp; financial risk"), so names are matched ignoring case, spaces, hyphens and "&amp;" for "and".
/// </summary>
public static class SupportNeeds
{
    private static readonly Dictionary<SupportNeed, string> Phrases = new()
    {
        [SupportNeed.GovernanceModels] = "governance models",
        [SupportNeed.ClinicalAndFinancialRisk] = "clinical and financial risk",
        [SupportNeed.LeadershipAndFollowershipDevelopment] = "leadership and followership development",
        [SupportNeed.PublicEngagementAndInvolvement] = "public engagement and involvement",
        [SupportNeed.WorkingWithLocalAuthorities] = "working with local authorities",
        [SupportNeed.SupportServices] = "support services",
        [SupportNeed.PartnershipWithPctsAndBoards] = "working in partnership with PCTs and boards",
    };

    // The DH letter and the programme's own summaries use these shorter phrases for the same needs.
    private static readonly Dictionary<string, SupportNeed> ShortPhrases = new(StringComparer.Ordinal)
    {
        [Squash("governance")] = SupportNeed.GovernanceModels,
        [Squash("leadership")] = SupportNeed.LeadershipAndFollowershipDevelopment,
        [Squash("leadership development")] = SupportNeed.LeadershipAndFollowershipDevelopment,
        [Squash("public engagement")] = SupportNeed.PublicEngagementAndInvolvement,
        [Squash("work with local authorities")] = SupportNeed.WorkingWithLocalAuthorities,
        [Squash("partnership with PCTs and boards")] = SupportNeed.PartnershipWithPctsAndBoards,
        [Squash("working in partnership with PCTs")] = SupportNeed.PartnershipWithPctsAndBoards,
    };

    /// <summary>The need in plain words, e.g. "clinical and financial risk".</summary>
    public static string Describe(SupportNeed need) => Phrases[need];

    /// <summary>All needs in plain words, for messages that list the choices.</summary>
    public static string AllowedList => string.Join(", ", Enum.GetValues<SupportNeed>().Select(Describe));

    /// <summary>All needs in plain words separated by semicolons, as the blank forms list them.</summary>
    public static string FormList => string.Join("; ", Enum.GetValues<SupportNeed>().Select(Describe));

    /// <summary>Reads one support need; an unknown one is refused with the list of allowed ones.</summary>
    public static Result<SupportNeed> From(string? text)
    {
        var key = Squash(text ?? string.Empty);
        foreach (var need in Enum.GetValues<SupportNeed>())
        {
            if (key == Squash(need.ToString()) || key == Squash(Phrases[need]))
            {
                return Result.Success(need);
            }
        }

        return ShortPhrases.TryGetValue(key, out var known)
            ? Result.Success(known)
            : Result.Failure<SupportNeed>(
                $"'{Quoted.Text(text?.Trim() ?? string.Empty)}' is not a support need we know; choose from: "
                    + $"{AllowedList}."
            );
    }

    private static string Squash(string text) =>
        string.Concat(text.Replace("&", "and", StringComparison.Ordinal).Where(char.IsLetter)).ToUpperInvariant();
}
