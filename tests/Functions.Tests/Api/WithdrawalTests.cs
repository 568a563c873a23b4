using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>POST /api/applications/{id}/withdrawal: the SHA withdraws on the applicant's behalf until it is
/// live.</summary>
public sealed class WithdrawalTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task Withdrawal_UnderReview_Is202()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));

        using var response = await app.Reviewer("Q37").WithdrawAsync(id, "the practices chose another consortium");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var view = await app.Reviewer("Q37").WaitForStatusAsync(id, "withdrawn");
        Assert.Equal("the practices chose another consortium", view["withdrawalReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawal_WithoutBody_Is202()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));

        using var response = await app.Reviewer("Q37")
            .PostAsync(new Uri($"/api/applications/{id}/withdrawal", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Reviewer("Q37").WaitForStatusAsync(id, "withdrawn");
    }

    [Fact]
    public async Task Withdrawal_Approved_Is202()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));
        await app.Reviewer("Q37").ApproveAsync(id);

        using var response = await app.Reviewer("Q37").WithdrawAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Reviewer("Q37").WaitForStatusAsync(id, "withdrawn");
    }

    [Fact]
    public async Task Withdrawal_WhenAlreadyWithdrawn_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));
        (await app.Reviewer("Q37").WithdrawAsync(id)).Dispose();
        await app.Reviewer("Q37").WaitForStatusAsync(id, "withdrawn");

        using var response = await app.Reviewer("Q37").WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Withdrawal_WhenRejected_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));
        (await app.Reviewer("Q37").DecideAsync(id, Forms.Decision("rejected", qipp: false))).Dispose();

        using var response = await app.Reviewer("Q37").WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Conflict);
        await app.Reviewer("Q37").WaitForStatusAsync(id, "rejected");
    }

    [Fact]
    public async Task Withdrawal_ByReviewerOfAnotherSha_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));

        using var response = await app.Reviewer("Q38").WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Withdrawal_ByNationalTeam_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));

        using var response = await app.National().WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Withdrawal_OfUnknownApplication_Is404()
    {
        using var response = await app.Reviewer("Q37").WithdrawAsync("Q37-9999");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
