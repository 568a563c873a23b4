using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Waves;

public sealed class GoLiveTests
{
    [Theory]
    [InlineData("2010-12-14T10:00:00Z", "2011-04-01")] // first wave
    [InlineData("2011-01-20T10:00:00Z", "2011-04-01")]
    [InlineData("2011-03-31T22:59:00Z", "2011-04-01")] // 23:59 BST on 31 March
    [InlineData("2011-03-31T23:30:00Z", "2012-04-01")] // 00:30 BST: already 1 April in the UK
    [InlineData("2011-04-01T09:00:00Z", "2012-04-01")] // on 1 April itself: the next one
    [InlineData("2011-07-05T10:00:00Z", "2012-04-01")]
    public void DefaultDate_IsTheNextFirstOfAprilStrictlyAfterTheAnnouncement(string announcedAt, string expected)
    {
        var date = GoLive.DefaultDate(DateTimeOffset.Parse(announcedAt, null));

        Assert.Equal(DateOnly.Parse(expected, null), date);
    }

    [Fact]
    public void Choose_NoDateSet_TakesTheDefault()
    {
        var announcedAt = new DateTimeOffset(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2011, 4, 1), GoLive.Choose(null, announcedAt).Value);
    }

    [Theory]
    [InlineData("2010-12-14")]
    [InlineData("2011-01-01")]
    public void Choose_DateOnOrAfterTheAnnouncement_IsKept(string setBySha)
    {
        var announcedAt = new DateTimeOffset(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);
        var date = DateOnly.Parse(setBySha, null);

        Assert.Equal(date, GoLive.Choose(date, announcedAt).Value);
    }

    [Fact]
    public void Choose_DateBeforeTheAnnouncement_IsRefused()
    {
        var announcedAt = new DateTimeOffset(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);

        var chosen = GoLive.Choose(new DateOnly(2010, 12, 1), announcedAt);

        Assert.False(chosen.IsSuccess);
        Assert.Equal(
            "The go-live date 1 December 2010 is before the pathfinder was announced on 14 December 2010; "
                + "choose that day or later.",
            chosen.Error
        );
    }

    [Theory]
    [InlineData("2011-06-01", "2011-06-01")] // agreed, after the announcement: it stands
    [InlineData("2010-12-01", "2011-04-01")] // agreed, before the announcement: it cannot stand
    [InlineData(null, "2011-04-01")] // none agreed
    public void AgreedOrDefault_TakesTheAgreedDateOnlyWhenItCanStand(string? agreed, string expected)
    {
        var announcedAt = new DateTimeOffset(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);

        var goLive = GoLive.AgreedOrDefault(agreed is null ? null : DateOnly.Parse(agreed, null), announcedAt);

        Assert.Equal(DateOnly.Parse(expected, null), goLive);
    }

    [Theory]
    [InlineData("2011-04-01", "2011-03-31T23:00:00Z")] // BST
    [InlineData("2011-03-01", "2011-03-01T00:00:00Z")] // GMT
    [InlineData("2011-10-01", "2011-09-30T23:00:00Z")] // BST
    [InlineData("2011-11-01", "2011-11-01T00:00:00Z")] // GMT
    public void StartsAt_IsMidnightOnUkClocks(string date, string utc)
    {
        var startsAt = GoLive.StartsAt(DateOnly.Parse(date, null));

        Assert.Equal(DateTimeOffset.Parse(utc, null), startsAt);
        Assert.Equal(TimeSpan.Zero, startsAt.TimeOfDay);
    }
}
