using System.Globalization;

namespace Pathfinder.Domain;

/// <summary>
/// The programme runs on UK clocks: deadlines, go-live at midnight and "the date of the announcement" are read
/// on the wall clock in England, which is GMT in winter and BST (UTC+1) in summer.
/// </summary>
public static class UkTime
{
    /// <summary>Europe/London (IANA id; .NET maps it on Windows too).</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UK calendar date of an instant (23:30 UTC on 31 March 2011 is already 1 April in the UK).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant at which UK clocks show <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => FromLocal(date.ToDateTime(time));

    /// <summary>
    /// Adds a period as people count it on UK clocks: four weeks after 10:00 in October is 10:00 in November, even
    /// though the clocks went back in between (so the elapsed time is 28 days and one hour).
    /// </summary>
    public static DateTimeOffset AddOnUkClock(DateTimeOffset start, TimeSpan period)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
        return FromLocal(local + period);
    }

    /// <summary>The time between two instants as UK clocks show it (28 days, not 28 days and an hour, across October's
    /// change).</summary>
    public static TimeSpan ClockSpan(DateTimeOffset from, DateTimeOffset to) =>
        TimeZoneInfo.ConvertTime(to, Zone).DateTime - TimeZoneInfo.ConvertTime(from, Zone).DateTime;

    /// <summary>A date as people read it in messages: "14 December 2010".</summary>
    public static string Describe(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant on UK clocks as people read it: "14 December 2010 at 10:00".</summary>
    public static string Describe(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset FromLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // 01:00-02:00 on the last Sunday of March does not exist on UK clocks: move on by the hour they skip.
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        // In the repeated hour in October we take the first (BST) occurrence: a deadline should not drift later.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
