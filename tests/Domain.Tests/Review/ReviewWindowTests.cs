using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Review;

public sealed class ReviewWindowTests
{
    private static readonly TimeSpan Gmt = TimeSpan.Zero;
    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    [Fact]
    public void Default_GivesFourWeeksWithRemindersAtTwoAndThreeWeeks_InWinter()
    {
        var received = new DateTimeOffset(2010, 11, 1, 9, 30, 0, Gmt);

        var window = ReviewWindow.For(received);

        Assert.Equal(new DateTimeOffset(2010, 11, 29, 9, 30, 0, Gmt), window.Deadline);
        Assert.Equal(
            [new DateTimeOffset(2010, 11, 15, 9, 30, 0, Gmt), new DateTimeOffset(2010, 11, 22, 9, 30, 0, Gmt)],
            window.ReminderTimes
        );
        Assert.Equal(window.Deadline, window.EscalationAt);
    }

    [Fact]
    public void Deadline_AcrossTheClocksGoingBack_IsTheSameTimeOnUkClocks()
    {
        // Received 10:00 BST on 20 October 2010; the clocks went back on 31 October.
        var received = new DateTimeOffset(2010, 10, 20, 10, 0, 0, Bst);

        var window = ReviewWindow.For(received);

        Assert.Equal(new DateTimeOffset(2010, 11, 17, 10, 0, 0, Gmt), window.Deadline);
        Assert.Equal(new DateTimeOffset(2010, 11, 3, 10, 0, 0, Gmt), window.ReminderTimes[0]);
    }

    [Fact]
    public void Deadline_AcrossTheClocksGoingForward_IsTheSameTimeOnUkClocks()
    {
        // Received 10:00 GMT on 14 March 2011; the clocks went forward on 27 March.
        var received = new DateTimeOffset(2011, 3, 14, 10, 0, 0, Gmt);

        var window = ReviewWindow.For(received);

        Assert.Equal(new DateTimeOffset(2011, 4, 11, 10, 0, 0, Bst), window.Deadline);
        Assert.Equal(new DateTimeOffset(2011, 4, 11, 9, 0, 0, Gmt), window.Deadline.ToUniversalTime());
    }

    [Fact]
    public void Periods_AreSettings()
    {
        var received = new DateTimeOffset(2010, 11, 1, 9, 0, 0, Gmt);
        var periods = new ReviewPeriods(TimeSpan.FromDays(10), [TimeSpan.FromDays(7), TimeSpan.FromDays(3)]);

        var window = ReviewWindow.For(received, periods);

        Assert.Equal(new DateTimeOffset(2010, 11, 11, 9, 0, 0, Gmt), window.Deadline);
        Assert.Equal(
            [new DateTimeOffset(2010, 11, 4, 9, 0, 0, Gmt), new DateTimeOffset(2010, 11, 8, 9, 0, 0, Gmt)],
            window.ReminderTimes
        );
    }

    [Theory]
    [InlineData("2010-11-29T09:29:59Z", false, false)]
    [InlineData("2010-11-29T09:30:00Z", false, false)]
    [InlineData("2010-11-29T09:30:01Z", false, true)]
    [InlineData("2010-12-15T00:00:00Z", false, true)]
    [InlineData("2010-12-15T00:00:00Z", true, false)]
    public void IsOverdue_OnlyPastTheDeadlineAndUndecided(string now, bool decided, bool overdue)
    {
        var window = ReviewWindow.For(new DateTimeOffset(2010, 11, 1, 9, 30, 0, Gmt));

        Assert.Equal(overdue, window.IsOverdue(DateTimeOffset.Parse(now, null), decided));
    }

    [Fact]
    public void Check_DefaultPeriods_AreFine()
    {
        Assert.Empty(ReviewPeriods.Default.Check());
    }

    [Fact]
    public void Check_ReminderAfterTheDeadline_IsAProblem()
    {
        var periods = new ReviewPeriods(TimeSpan.FromDays(28), [TimeSpan.FromDays(14), TimeSpan.FromDays(30)]);

        Assert.Equal(
            [
                new ValidationProblem(
                    "reminderOffsets[1]",
                    "A reminder 30 days after receipt must fall before the deadline (28 days)."
                ),
            ],
            periods.Check()
        );
    }
}
