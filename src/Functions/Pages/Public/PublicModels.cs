using Pathfinder.Domain;
using Pathfinder.Functions.Reports;

namespace Pathfinder.Functions.Pages.Public;

/// <summary>Where applicants in one SHA email their form.</summary>
public sealed record ShaInbox(string Code, string Name, string Address);

/// <summary>The home page: each SHA's inbound address, and the next wave if one is scheduled.</summary>
/// <param name="ReviewPeriod">How long an SHA has to decide, in words ("four weeks"), from the settings.</param>
public sealed record HomeModel(IReadOnlyList<ShaInbox> Inboxes, Wave? NextWave, string ReviewPeriod);

/// <summary>The directory page: announced and live pathfinders, by wave then name.</summary>
public sealed record PathfindersModel(IReadOnlyList<PathfinderEntry> Pathfinders);
