using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>A practice belongs to one consortium at a time: the second application waits until the first lets go.</summary>
public sealed class PracticeConflictPathTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SharedPractice_BlocksApprovalUntilTheOtherIsRejected_ThenItJoinsAWave()
    {
        var reviewer = _app.Reviewer("Q33");
        var first = await _app.Intake().SubmitAsync(Forms.Valid("Q33", "Derby City Consortium", 0, "C10001", "C10002"));
        var second = await _app.Intake().SubmitAsync(Forms.Valid("Q33", "Derby South Consortium", 0, "C10002", "C10003"));

        var flagged = await reviewer.ApplicationAsync(second);
        Assert.Equal("C10002", Assert.Single(flagged["conflicts"]!.AsArray())!["practiceCode"]!.GetValue<string>());
        using (var refused = await reviewer.DecideAsync(second, Forms.Decision("approved")))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict);
        }

        await _app.AdvanceAsync(TimeSpan.FromDays(5));
        using (var rejected = await reviewer.DecideAsync(first, Forms.Decision("rejected", gp: false)))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }
        Assert.Empty((await reviewer.ApplicationAsync(second))["conflicts"]!.AsArray());
        await reviewer.ApproveAsync(second);

        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(10), now.AddDays(5));
        await _app.AdvanceAsync(TimeSpan.FromDays(10));
        Assert.Equal("announced", await reviewer.StatusOfAsync(second));
        Assert.Equal("rejected", await reviewer.StatusOfAsync(first));
    }
}
