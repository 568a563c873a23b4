namespace Pathfinder.Domain;

/// <summary>
/// How long an SHA has to consider an expression of interest, and when to nudge it. The DH letter says "no longer
/// than four weeks"; the reminders and the period itself are settings the app may change.
/// </summary>
public sealed record ReviewPeriods(TimeSpan ReviewPeriod, IReadOnlyList<TimeSpan> ReminderOffsets)
{
    /// <summary>Four weeks to decide, with reminders after two and three weeks.</summary>
    public static ReviewPeriods Default { get; } =
        new(TimeSpan.FromDays(28), [TimeSpan.FromDays(14), TimeSpan.FromDays(21)]);

    /// <summary>Problems with a configuration, for checking settings at start-up.</summary>
    public IReadOnlyList<ValidationProblem> Check()
    {
        var problems = new List<ValidationProblem>();
        if (ReviewPeriod <= TimeSpan.Zero)
        {
            problems.Add(new("reviewPeriod", "The review period must be longer than zero."));
        }

        for (var i = 0; i < ReminderOffsets.Count; i++)
        {
            if (ReminderOffsets[i] <= TimeSpan.Zero || ReminderOffsets[i] >= ReviewPeriod)
            {
                problems.Add(
                    new(
                        $"reminderOffsets[{i}]",
                        $"A reminder {Days(ReminderOffsets[i])} after receipt must fall before the deadline "
                            + $"({Days(ReviewPeriod)})."
                    )
                );
            }
        }

        return problems;
    }

    private static string Days(TimeSpan span) =>
        span.TotalDays.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " days";
}

/// <summary>
/// The review window of one expression of interest. Periods are counted on UK clocks (see
/// <see cref="UkTime.AddOnUkClock"/>): received at 10:00 on 20 October, the deadline is 10:00 on 17 November.
/// </summary>
public sealed record ReviewWindow
{
    private ReviewWindow(DateTimeOffset receivedAt, DateTimeOffset deadline, IReadOnlyList<DateTimeOffset> reminders)
    {
        ReceivedAt = receivedAt;
        Deadline = deadline;
        ReminderTimes = reminders;
    }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>When the SHA's decision is due.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>When to remind the reviewer, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> ReminderTimes { get; }

    /// <summary>An undecided application is escalated the moment its deadline passes.</summary>
    public DateTimeOffset EscalationAt => Deadline;

    public static ReviewWindow For(DateTimeOffset receivedAt, ReviewPeriods? periods = null)
    {
        periods ??= ReviewPeriods.Default;
        return new ReviewWindow(
            receivedAt,
            UkTime.AddOnUkClock(receivedAt, periods.ReviewPeriod),
            [.. periods.ReminderOffsets.Order().Select(offset => UkTime.AddOnUkClock(receivedAt, offset))]
        );
    }

    /// <summary>Overdue once the deadline has passed without a decision; a decided application never is.</summary>
    public bool IsOverdue(DateTimeOffset now, bool decided) => !decided && now > Deadline;
}
