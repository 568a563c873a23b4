using System.Collections.ObjectModel;

namespace Pathfinder.Domain;

/// <summary>Coverage of one area: an SHA, or England as a whole.</summary>
/// <param name="Code">The SHA code, or <see cref="ReferencePopulation2010.EnglandCode"/> for England.</param>
/// <param name="Pathfinders">Pathfinders announced or live in the area.</param>
/// <param name="RegisteredPopulation">Patients registered with their practices.</param>
/// <param name="Population">The area's population (<see cref="ReferencePopulation2010"/>).</param>
/// <param name="SharePercent">Registered population as a percentage of population, to one decimal place.</param>
public sealed record AreaCoverage(
    string Code,
    string Name,
    int Pathfinders,
    long RegisteredPopulation,
    long Population,
    decimal SharePercent
);

/// <summary>Coverage for each of the ten SHAs, in code order, and for England.</summary>
public sealed record CoverageReport(ReadOnlyCollection<AreaCoverage> Shas, AreaCoverage England)
{
    /// <summary>
    /// Counts the pathfinders that have been announced or are live: those are the ones the programme reports as
    /// covering the population. Applications still under review or approved but not announced do not count yet.
    /// </summary>
    public static CoverageReport Of(IEnumerable<ApplicationSummary> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var pathfinders = applications
            .Where(a => a.Status is ApplicationStatus.Announced or ApplicationStatus.Live)
            .ToList();

        var shas = ShaCode
            .All.Select(sha =>
            {
                var inSha = pathfinders.Where(p => p.Sha == sha).ToList();
                return Line(sha.Code, sha.Name, inSha, ReferencePopulation2010.For(sha));
            })
            .ToList();

        return new CoverageReport(
            shas.AsReadOnly(),
            Line(ReferencePopulation2010.EnglandCode, "England", pathfinders, ReferencePopulation2010.England)
        );
    }

    private static AreaCoverage Line(string code, string name, List<ApplicationSummary> pathfinders, long population)
    {
        var registered = pathfinders.Sum(p => p.RegisteredPopulation);
        var share = Math.Round(100m * registered / population, 1, MidpointRounding.AwayFromZero);
        return new AreaCoverage(code, name, pathfinders.Count, registered, population, share);
    }
}
