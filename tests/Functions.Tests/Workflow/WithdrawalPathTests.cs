using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Withdrawal at each stage before live ends the application: nothing more is sent about it.</summary>
public sealed class WithdrawalPathTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithdrawnUnderReview_GetsNoRemindersOrEscalation()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q34"));
        await _app.AdvanceAsync(TimeSpan.FromDays(2));

        await WithdrawAsync(id);

        await _app.AdvanceAsync(TimeSpan.FromDays(14));
        await _app.AdvanceAsync(TimeSpan.FromDays(14));
        Assert.Equal(["Acknowledgement", "NewApplication", "Withdrawn"], Kinds(id));
        Assert.False((await _app.Reviewer("Q34").ApplicationAsync(id))["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WithdrawnWhenApproved_IsLeftOutOfTheWave()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q34"));
        await _app.Reviewer("Q34").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(20), now.AddDays(10));

        await WithdrawAsync(id);

        await _app.AdvanceAsync(TimeSpan.FromDays(20));
        Assert.Equal("withdrawn", await _app.Reviewer("Q34").StatusOfAsync(id));
        Assert.Equal(["Acknowledgement", "Approved", "NewApplication", "Withdrawn"], Kinds(id));
        Assert.DoesNotContain(_app.Sent(), m => m.Kind == "WaveDigest" && m.Text.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithdrawnWhenAnnounced_NeverGoesLive()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q34"));
        await _app.Reviewer("Q34").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(20), now.AddDays(10));
        await _app.AdvanceAsync(TimeSpan.FromDays(20));
        Assert.Equal("announced", await _app.Reviewer("Q34").StatusOfAsync(id));

        await WithdrawAsync(id);

        _app.Clock.SetUtcNow(new DateTimeOffset(2011, 4, 2, 0, 0, 0, TimeSpan.Zero));
        await _app.TickAsync();
        Assert.Equal("withdrawn", await _app.Reviewer("Q34").StatusOfAsync(id));
        Assert.Equal(["Acknowledgement", "Announced", "Approved", "NewApplication", "Withdrawn"], Kinds(id));
    }

    private async Task WithdrawAsync(string id)
    {
        using var response = await _app.Reviewer("Q34").WithdrawAsync(id, "the consortium has merged with its neighbour");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawn = Assert.Single(_app.About(id), m => m.Kind == "Withdrawn");
        Assert.Equal([Mailbox.Applicant], withdrawn.To);
        Assert.Contains("the consortium has merged with its neighbour", withdrawn.Text, StringComparison.Ordinal);
    }

    private IReadOnlyList<string> Kinds(string id) => _app.KindsAbout(id);
}
