using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>PUT /api/applications/{id}/go-live before announcement: the SHA records the date agreed with the
/// PCT.</summary>
public sealed class GoLiveTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    /// <summary>A date some weeks ahead: agreeable for an approved pathfinder whatever day the tests run.</summary>
    private static readonly string Agreed = Domain
        .UkTime.DateOf(DateTimeOffset.UtcNow)
        .AddDays(60)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GoLive_ForApproved_Is202AndShowsTheAgreedDate()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);

        using var response = await app.Reviewer("Q38", "Dr Sam Setter").SetGoLiveAsync(id, Agreed);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var view = await app.Reviewer("Q38").EventuallyAsync(id, v => v["agreedGoLive"]?.GetValue<string>() == Agreed);
        var last = view["timeline"]!.AsArray()[^1]!;
        Assert.Contains("Go-live agreed", last["what"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Dr Sam Setter", last["by"]!.GetValue<string>());
        Assert.Equal(Agreed, (await app.Reviewer("Q38").ApplicationAsync(id))["agreedGoLive"]!.GetValue<string>());
    }

    [Fact]
    public async Task GoLive_WhileUnderReview_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));

        using var response = await app.Reviewer("Q38").SetGoLiveAsync(id, Agreed);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GoLive_WhenRejected_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        (await app.Reviewer("Q38").DecideAsync(id, Forms.Decision("rejected", gp: false))).Dispose();

        using var response = await app.Reviewer("Q38").SetGoLiveAsync(id, Agreed);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GoLive_WithoutDate_Is400NamingDate()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);

        using var response = await app.Reviewer("Q38").SetGoLiveAsync(id, null);

        Assert.Equal(["date"], (await response.ErrorsAsync()).Keys);
    }

    [Theory]
    [InlineData("2011-02-30")]
    [InlineData("next April")]
    public async Task GoLive_WithInvalidDate_Is400NamingDate(string date)
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);

        using var response = await app.Reviewer("Q38").SetGoLiveAsync(id, date);

        Assert.Equal(["date"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task GoLive_BeforeToday_Is400NamingDate()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);

        using var response = await app.Reviewer("Q38").SetGoLiveAsync(id, "2010-10-01");

        Assert.Equal(["date"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task GoLive_ByReviewerOfAnotherSha_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);

        using var response = await app.Reviewer("Q39").SetGoLiveAsync(id, Agreed);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GoLive_AsPlainText_Is415()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        await app.Reviewer("Q38").ApproveAsync(id);
        using var content = new StringContent(Agreed);

        using var response = await app.Reviewer("Q38")
            .PutAsync(new Uri($"/api/applications/{id}/go-live", UriKind.Relative), content);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
