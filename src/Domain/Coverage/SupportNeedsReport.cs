using System.Collections.ObjectModel;

namespace Pathfinder.Domain;

/// <summary>How many applications in one SHA asked for each kind of support; every need is listed.</summary>
public sealed record ShaSupportNeeds(ShaCode Sha, int Applications, ReadOnlyDictionary<SupportNeed, int> Counts);

/// <summary>
/// What support applicants ask for, by SHA, so that SHAs and the regional learning programmes can plan it. Every
/// application given is counted whatever its status: a rejected group may still need the support to reapply.
/// </summary>
public sealed record SupportNeedsReport(ReadOnlyCollection<ShaSupportNeeds> Shas)
{
    public static SupportNeedsReport Of(IEnumerable<ApplicationSummary> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var all = applications.ToList();
        var shas = ShaCode
            .All.Select(sha =>
            {
                var inSha = all.Where(a => a.Sha == sha).ToList();
                var counts = Enum.GetValues<SupportNeed>()
                    .ToDictionary(need => need, need => inSha.Count(a => a.SupportNeeds.Contains(need)));
                return new ShaSupportNeeds(sha, inSha.Count, counts.AsReadOnly());
            })
            .ToList();
        return new SupportNeedsReport(shas.AsReadOnly());
    }

    /// <summary>The counts for England: the ten SHAs added together.</summary>
    public ReadOnlyDictionary<SupportNeed, int> England =>
        Enum.GetValues<SupportNeed>().ToDictionary(need => need, need => Shas.Sum(s => s.Counts[need])).AsReadOnly();
}
