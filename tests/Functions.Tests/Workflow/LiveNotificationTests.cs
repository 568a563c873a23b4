using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Going live is told to the applicant, the SHA, the local LMC and, when opted in, the research unit.</summary>
public sealed class LiveNotificationTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Live_OptedIn_TellsApplicantShaLmcAndResearchUnit()
    {
        var id = await LiveAsync(optIn: true);

        var told = _app.About(id).Where(m => m.Kind == "Live").SelectMany(m => m.To).Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { Mailbox.Applicant, Mailbox.ResearchUnit, Mailbox.Lmc("Q39"), Mailbox.ShaReviewers("Q39") }
                .Order(StringComparer.Ordinal),
            told);
    }

    [Fact]
    public async Task Live_NotOptedIn_LeavesTheResearchUnitOut()
    {
        var id = await LiveAsync(optIn: false);

        var told = _app.About(id).Where(m => m.Kind == "Live").SelectMany(m => m.To).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { Mailbox.Applicant, Mailbox.Lmc("Q39"), Mailbox.ShaReviewers("Q39") }.Order(StringComparer.Ordinal),
            told);
    }

    private async Task<string> LiveAsync(bool optIn)
    {
        var form = Forms.Valid("Q39", "Bristol North Consortium");
        form["researchEvaluationOptIn"] = optIn;
        var id = await _app.Intake().SubmitAsync(form);
        await _app.Reviewer("Q39").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(20), now.AddDays(10));
        await _app.AdvanceAsync(TimeSpan.FromDays(20));
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "Live");
        _app.Clock.SetUtcNow(new DateTimeOffset(2011, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await _app.TickAsync();
        Assert.Equal("live", await _app.Reviewer("Q39").StatusOfAsync(id));
        return id;
    }
}
