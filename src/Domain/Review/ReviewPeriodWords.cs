using System.Globalization;

namespace Pathfinder.Domain;

/// <summary>
/// The review period in the words the programme's letters use ("within four weeks", "the four-week deadline"), from
/// whatever period is configured, so no message states a period the app does not apply.
/// </summary>
public static class ReviewPeriodWords
{
    private static readonly string[] Numbers =
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ];

    /// <summary>
    /// The period between receipt and deadline as people count it on UK clocks: four weeks from 10:00 in October to
    /// 10:00 in November, although the clocks went back in between.
    /// </summary>
    public static TimeSpan Between(DateTimeOffset receivedAt, DateTimeOffset deadline) =>
        UkTime.ClockSpan(receivedAt, deadline);

    /// <summary>"four weeks", "10 days", "3 minutes": the largest whole unit, in words up to ten.</summary>
    public static string Describe(TimeSpan period) => Words(period, adjective: false);

    /// <summary>"four-week", "10-day": before a noun, as in "the four-week deadline".</summary>
    public static string DescribeBeforeNoun(TimeSpan period) => Words(period, adjective: true);

    private static string Words(TimeSpan period, bool adjective)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var (count, unit) = period switch
        {
            _ when period.TotalDays >= 7 && period.TotalDays % 7 == 0 => ((long)(period.TotalDays / 7), "week"),
            _ when period.TotalDays >= 1 && period.TotalHours % 24 == 0 => ((long)period.TotalDays, "day"),
            _ when period.TotalHours >= 1 && period.TotalMinutes % 60 == 0 => ((long)period.TotalHours, "hour"),
            _ when period.TotalMinutes >= 1 && period.TotalSeconds % 60 == 0 => ((long)period.TotalMinutes, "minute"),
            _ => ((long)Math.Ceiling(period.TotalSeconds), "second"),
        };
        var number = count < Numbers.Length ? Numbers[count] : count.ToString(CultureInfo.InvariantCulture);
        return adjective ? $"{number}-{unit}" : $"{number} {unit}{(count == 1 ? "" : "s")}";
    }
}
