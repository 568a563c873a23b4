using System.Globalization;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>Dates, times and numbers as the programme writes them, on UK clocks (GMT in winter, BST in
/// summer).</summary>
internal static class UkFormat
{
    // The invariant culture writes English day and month names and "," thousands, as en-GB does, on any host.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>"Tuesday 23 November 2010".</summary>
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    /// <summary>The UK date of an instant: 23:30 UTC on 31 March 2011 is "Friday 1 April 2011".</summary>
    public static string Day(DateTimeOffset instant) => Day(UkTime.DateOf(instant));

    /// <summary>"Tuesday 23 November 2010 at 10:00", read on UK clocks.</summary>
    public static string DayAndTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, UkTime.Zone);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} at {local.ToString("HH:mm", English)}";
    }

    /// <summary>"123,456".</summary>
    public static string Number(long value) => value.ToString("N0", English);

    /// <summary>"1 day", "3 days".</summary>
    public static string Days(int days) => days == 1 ? "1 day" : $"{Number(days)} days";
}
