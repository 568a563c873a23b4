namespace Pathfinder.Domain;

/// <summary>
/// A national announcement of pathfinders. Applications approved before <paramref name="Cutoff"/> are announced
/// at <paramref name="AnnounceAt"/>; the gap between the two is for the national team to prepare the list.
/// </summary>
/// <param name="Number">1 for the first wave (December 2010), 2 for the next, and so on.</param>
public sealed record Wave(int Number, DateTimeOffset AnnounceAt, DateTimeOffset Cutoff);
