using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>GET /api/applications and /api/applications/{id}: who sees what, and what they see.</summary>
public sealed class ApplicationReadTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task List_AsReviewer_ShowsOwnShaOnly()
    {
        var mine = await app.Intake().SubmitAsync(Forms.Valid("Q32"));
        var theirs = await app.Intake().SubmitAsync(Forms.Valid("Q33"));

        var list = (await app.Reviewer("Q32").GetFromJsonAsync<JsonArray>("/api/applications"))!;

        Assert.Contains(mine, list.Ids());
        Assert.DoesNotContain(theirs, list.Ids());
        Assert.All(list, a => Assert.Equal("Q32", a!["sha"]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_AsReviewerForAnotherSha_Is403()
    {
        using var response = await app.Reviewer("Q32").GetAsync(new Uri("/api/applications?sha=Q33", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_AsNational_SeesEveryShaAndFilters()
    {
        var london = await app.Intake().SubmitAsync(Forms.Valid("Q36"));
        var southWest = await app.Intake().SubmitAsync(Forms.Valid("Q39"));
        var approved = await app.Intake().SubmitAsync(Forms.Valid("Q39"));
        await app.Reviewer("Q39").ApproveAsync(approved);
        var national = app.National();

        var all = (await national.GetFromJsonAsync<JsonArray>("/api/applications"))!.Ids().ToList();
        var q39 = (await national.GetFromJsonAsync<JsonArray>("/api/applications?sha=Q39"))!.Ids().ToList();
        var q39Approved = (await national.GetFromJsonAsync<JsonArray>("/api/applications?sha=Q39&status=approved"))!
            .Ids()
            .ToList();

        Assert.Contains(london, all);
        Assert.Contains(southWest, all);
        Assert.Contains(southWest, q39);
        Assert.DoesNotContain(london, q39);
        Assert.Equal([approved], q39Approved);
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("status=1", "status")]
    [InlineData("sha=Q99", "sha")]
    [InlineData("sha=london", "sha")]
    public async Task List_WithBadFilter_Is400NamingIt(string query, string field)
    {
        using var response = await app.National().GetAsync(new Uri($"/api/applications?{query}", UriKind.Relative));

        var errors = await response.ErrorsAsync();
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task List_AsReviewerWithoutShaClaim_Is403()
    {
        using var response = await app.Reviewer("").GetAsync(new Uri("/api/applications", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_WithoutToken_Is401()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/api/applications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_Unknown_Is404()
    {
        using var response = await app.National().GetAsync(new Uri("/api/applications/Q35-9999", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_NotAReference_Is404()
    {
        using var response = await app.National().GetAsync(new Uri("/api/applications/nonsense", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_AsReviewerOfAnotherSha_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q34"));

        using var response = await app.Reviewer("Q35").GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_WithoutToken_Is401()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q34"));

        using var response = await app.CreateClient().GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_AsNational_ShowsStatusDeadlineConflictsAndTimeline()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q30", "Tyneside Consortium", 0, "A20001", "A20002"));
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q30", "Gateshead Consortium", 0, "A20002", "A20003"));
        (await app.Reviewer("Q30", "Dr Pat Reviewer").WithdrawAsync(first, "merging with a neighbour")).Dispose();

        var withdrawn = await app.National().WaitForStatusAsync(first, "withdrawn");
        var other = await app.National().ApplicationAsync(second);

        Assert.Equal("withdrawn", withdrawn["status"]!.GetValue<string>());
        Assert.False(withdrawn["overdue"]!.GetValue<bool>());
        Assert.Equal(
            withdrawn["receivedAt"]!.GetValue<DateTimeOffset>().AddDays(28),
            withdrawn["reviewDeadline"]!.GetValue<DateTimeOffset>(),
            TimeSpan.FromHours(1)
        );
        Assert.Equal("merging with a neighbour", withdrawn["withdrawalReason"]!.GetValue<string>());
        var timeline = withdrawn["timeline"]!.AsArray();
        Assert.Equal("Dr Jane Lead", timeline[0]!["by"]!.GetValue<string>());
        Assert.Contains("received", timeline[0]!["what"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Dr Pat Reviewer", timeline[^1]!["by"]!.GetValue<string>());
        Assert.Contains(
            "Withdrawn: merging with a neighbour",
            timeline[^1]!["what"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        // The withdrawn application no longer holds A20002, so the other has no conflict left.
        Assert.Empty(other["conflicts"]!.AsArray());
    }

    [Fact]
    public async Task Get_WithSharedPractice_ShowsTheConflict()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q30", "Sunderland Consortium", 0, "A21001", "A21002"));
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q30", "Durham Consortium", 0, "A21002", "A21003"));

        var later = await app.Reviewer("Q30").ApplicationAsync(second);
        var earlier = await app.Reviewer("Q30").ApplicationAsync(first);

        var conflict = Assert.Single(later["conflicts"]!.AsArray())!;
        Assert.Equal("A21002", conflict["practiceCode"]!.GetValue<string>());
        Assert.Equal(first, conflict["holder"]!["applicationId"]!.GetValue<string>());
        Assert.Equal("Sunderland Consortium", conflict["holder"]!["consortiumName"]!.GetValue<string>());
        Assert.True(conflict["blocksApproval"]!.GetValue<bool>());
        // The first received holds the practice: it is flagged too, but its approval is not blocked.
        var held = Assert.Single(earlier["conflicts"]!.AsArray())!;
        Assert.Equal(first, held["holder"]!["applicationId"]!.GetValue<string>());
        Assert.Equal(second, held["alsoListedBy"]![0]!["applicationId"]!.GetValue<string>());
        Assert.False(held["blocksApproval"]!.GetValue<bool>());
    }
}
