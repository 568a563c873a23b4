using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Waves;

public sealed class WavePlanTests
{
    private static readonly DateTimeOffset Now = new(2010, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // The first wave was announced in December 2010, the second in January 2011.
    private static readonly Wave First = new(1, Utc(2010, 12, 14, 10), Cutoff: Utc(2010, 12, 3, 17));
    private static readonly Wave Second = new(2, Utc(2011, 1, 20, 10), Cutoff: Utc(2011, 1, 7, 17));

    private static DateTimeOffset Utc(int year, int month, int day, int hour) =>
        new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Schedule_FirstWave_IsNumberOne()
    {
        var wave = WavePlan.Schedule(First.AnnounceAt, First.Cutoff, [], Now);

        Assert.True(wave.IsValid);
        Assert.Equal(First, wave.Value);
    }

    [Fact]
    public void Schedule_NextWave_TakesTheNextNumber()
    {
        var wave = WavePlan.Schedule(Second.AnnounceAt, Second.Cutoff, [First], Now);

        Assert.Equal(2, wave.Value!.Number);
    }

    [Fact]
    public void Schedule_CutoffOnTheAnnouncementItself_IsAllowed()
    {
        Assert.True(WavePlan.Schedule(First.AnnounceAt, First.AnnounceAt, [], Now).IsValid);
    }

    [Fact]
    public void Schedule_CutoffAfterTheAnnouncement_IsRefused()
    {
        var wave = WavePlan.Schedule(First.AnnounceAt, First.AnnounceAt.AddMinutes(1), [], Now);

        Assert.Equal(
            [
                new ValidationProblem(
                    "cutoff",
                    "The cutoff must not be after the announcement: applications approved by the cutoff are the ones "
                        + "announced."
                ),
            ],
            wave.Problems
        );
    }

    [Fact]
    public void Schedule_AnnouncementNotAfterThePreviousWave_IsRefusedAlongWithItsCutoff()
    {
        var wave = WavePlan.Schedule(First.AnnounceAt, First.Cutoff, [First], Now);

        Assert.Equal(
            [
                new ValidationProblem(
                    "announceAt",
                    "Wave 2 must be announced after wave 1 (14 December 2010 at 10:00)."
                ),
                new ValidationProblem("cutoff", "The cutoff must be after wave 1's cutoff (3 December 2010 at 17:00)."),
            ],
            wave.Problems
        );
    }

    [Fact]
    public void Schedule_InThePast_IsRefused()
    {
        var wave = WavePlan.Schedule(First.AnnounceAt, First.Cutoff, [], First.AnnounceAt);

        Assert.Equal([new ValidationProblem("announceAt", "A wave cannot be announced in the past.")], wave.Problems);
    }

    [Fact]
    public void Check_NumberOutOfOrder_IsRefused()
    {
        var problems = WavePlan.Check(Second with { Number = 3 }, [First], Now);

        Assert.Equal([new ValidationProblem("number", "The next wave is wave 2, not wave 3.")], problems);
    }

    [Theory]
    [InlineData("2010-11-20T12:00:00Z", 1)] // well before the first cutoff
    [InlineData("2010-12-03T16:59:59Z", 1)] // a second before it
    [InlineData("2010-12-03T17:00:00Z", 2)] // exactly at the cutoff: too late for wave 1
    [InlineData("2010-12-10T09:00:00Z", 2)] // after the cutoff, before wave 1 is announced
    [InlineData("2011-01-07T16:00:00Z", 2)]
    public void WaveFor_JoinsTheEarliestWaveWhoseCutoffIsAfterApproval(string approvedAt, int expectedWave)
    {
        var wave = WavePlan.WaveFor(DateTimeOffset.Parse(approvedAt, null), [Second, First]);

        Assert.Equal(expectedWave, wave?.Number);
    }

    [Fact]
    public void WaveFor_ApprovedAfterTheLastCutoff_WaitsForAWaveToBeScheduled()
    {
        var approvedAt = new DateTimeOffset(2011, 1, 8, 9, 0, 0, TimeSpan.Zero);

        Assert.Null(WavePlan.WaveFor(approvedAt, [First, Second]));
    }

    [Fact]
    public void WaveFor_NoWavesYet_IsNull()
    {
        Assert.Null(WavePlan.WaveFor(Now, []));
    }
}
