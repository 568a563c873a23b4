using Pathfinder.Domain;
using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Reports;

/// <summary>
/// The learning network's public directory: announced and live pathfinders, by wave then name. The API
/// (<c>api/pathfinders</c>) and the page (<c>/pathfinders</c>) both list it from here.
/// </summary>
public static class PathfinderDirectory
{
    public static async Task<IReadOnlyList<PathfinderEntry>> PathfindersAsync(
        this ApplicationRepository applications,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(applications);
        return (await applications.ListAsync(null, null, cancellationToken))
            .Where(a => a.Status is ApplicationStatus.Announced or ApplicationStatus.Live)
            .OrderBy(a => a.Wave)
            .ThenBy(a => a.ConsortiumName, StringComparer.Ordinal)
            .Select(a => new PathfinderEntry(
                a.Reference,
                a.ConsortiumName,
                ShaView.Of(a.ShaCode),
                a.Status,
                a.Wave,
                a.AreasOfWork,
                a.GoLive
            ))
            .ToList();
    }
}
