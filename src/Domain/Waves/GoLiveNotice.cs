namespace Pathfinder.Domain;

/// <summary>
/// The notice that tells a pathfinder's lead GP, ahead of go-live, what going live means and who to contact:
/// due a lead time (14 days) before go-live, and not sent when go-live is less than that after the announcement
/// (the announcement itself has just told them the date).
/// </summary>
public static class GoLiveNotice
{
    public static readonly TimeSpan DefaultLeadTime = TimeSpan.FromDays(14);

    /// <summary>When the notice is due for a pathfinder announced at <paramref name="announcedAt"/>; null when it is
    /// skipped.</summary>
    public static DateTimeOffset? DueAt(DateTimeOffset announcedAt, DateOnly goLive, TimeSpan leadTime)
    {
        var start = GoLive.StartsAt(goLive);
        return start - announcedAt < leadTime ? null : start - leadTime;
    }
}
