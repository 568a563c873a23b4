using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Review;

public sealed class ReviewPeriodWordsTests
{
    [Theory]
    [InlineData("28.00:00:00", "four weeks", "four-week")]
    [InlineData("7.00:00:00", "one week", "one-week")]
    [InlineData("10.00:00:00", "ten days", "ten-day")]
    [InlineData("30.00:00:00", "30 days", "30-day")]
    [InlineData("77.00:00:00", "11 weeks", "11-week")]
    [InlineData("00:03:00", "three minutes", "three-minute")]
    [InlineData("00:00:09", "nine seconds", "nine-second")]
    [InlineData("01:00:00", "one hour", "one-hour")]
    public void APeriod_IsSaidAsTheLetterWouldSayIt(string period, string words, string beforeNoun)
    {
        var span = TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(words, ReviewPeriodWords.Describe(span));
        Assert.Equal(beforeNoun, ReviewPeriodWords.DescribeBeforeNoun(span));
    }

    [Fact]
    public void FourWeeksAcrossTheOctoberClockChange_AreStillFourWeeks()
    {
        // 10:00 BST on 26 October 2010 to 10:00 GMT on 23 November: 28 days and one hour elapse.
        var received = new DateTimeOffset(2010, 10, 26, 9, 0, 0, TimeSpan.Zero);
        var deadline = UkTime.AddOnUkClock(received, TimeSpan.FromDays(28));

        Assert.Equal(TimeSpan.FromDays(28).Add(TimeSpan.FromHours(1)), deadline - received);
        Assert.Equal("four weeks", ReviewPeriodWords.Describe(ReviewPeriodWords.Between(received, deadline)));
    }
}
