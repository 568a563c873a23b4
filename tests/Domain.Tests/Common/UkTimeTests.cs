using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Common;

public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2011-03-31T22:59:00Z", "2011-03-31")]
    [InlineData("2011-03-31T23:00:00Z", "2011-04-01")] // BST: midnight UK
    [InlineData("2010-12-31T23:30:00Z", "2010-12-31")] // GMT
    public void DateOf_IsTheDateOnUkClocks(string instant, string date)
    {
        Assert.Equal(DateOnly.Parse(date, null), UkTime.DateOf(DateTimeOffset.Parse(instant, null)));
    }

    [Fact]
    public void AddOnUkClock_IntoTheHourThatDoesNotExist_MovesOnByThatHour()
    {
        // 01:30 GMT on 26 March 2011 plus one day is 01:30 on 27 March, which UK clocks skip.
        var start = new DateTimeOffset(2011, 3, 26, 1, 30, 0, TimeSpan.Zero);

        var later = UkTime.AddOnUkClock(start, TimeSpan.FromDays(1));

        Assert.Equal(new DateTimeOffset(2011, 3, 27, 2, 30, 0, TimeSpan.FromHours(1)), later);
    }

    [Fact]
    public void AddOnUkClock_IntoTheRepeatedHour_TakesTheEarlierOne()
    {
        // 01:30 on 30 October 2011 happens twice; the BST one comes first.
        var start = new DateTimeOffset(2011, 10, 29, 1, 30, 0, TimeSpan.FromHours(1));

        var later = UkTime.AddOnUkClock(start, TimeSpan.FromDays(1));

        Assert.Equal(new DateTimeOffset(2011, 10, 30, 0, 30, 0, TimeSpan.Zero), later.ToUniversalTime());
    }
}
