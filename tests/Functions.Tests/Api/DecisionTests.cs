using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>POST /api/applications/{id}/decision: the SHA's reviewer decides, within the programme's rules.</summary>
public sealed class DecisionTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task Decision_Approve_Is202AndTheApplicationShowsItApproved()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.Reviewer("Q35", "Dr Ann Reviewer")
            .DecideAsync(id, Forms.Decision("approved", comments: "A strong group"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/applications/{id}", response.Headers.Location?.OriginalString);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("approved", receipt["status"]!.GetValue<string>());
        var view = await app.Reviewer("Q35").WaitForStatusAsync(id, "approved");
        Assert.Equal("Dr Ann Reviewer", view["decision"]!["reviewer"]!.GetValue<string>());
        var last = view["timeline"]!.AsArray()[^1]!;
        Assert.Equal("Approved: A strong group", last["what"]!.GetValue<string>());
        Assert.Equal("Dr Ann Reviewer", last["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Decision_WhenAlreadyDecided_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await app.Reviewer("Q35").ApproveAsync(id);

        using var response = await app.Reviewer("Q35").DecideAsync(id, Forms.Decision("rejected", gp: false));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("approved", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("approved", await app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task Decision_WhenWithdrawn_Is409()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        (await app.Reviewer("Q35").WithdrawAsync(id)).Dispose();

        using var response = await app.Reviewer("Q35").DecideAsync(id, Forms.Decision("approved"));

        await response.ProblemAsync(HttpStatusCode.Conflict);
        await app.Reviewer("Q35").WaitForStatusAsync(id, "withdrawn");
    }

    [Fact]
    public async Task Decision_RejectingWithAllCriteriaDemonstrated_Is400()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.Reviewer("Q35").DecideAsync(id, Forms.Decision("rejected"));

        var errors = await response.ErrorsAsync();
        Assert.Equal(["outcome"], errors.Keys);
        Assert.Equal("underReview", await app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task Decision_RejectingWithoutNoteForFailingCriterion_Is400NamingIt()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var decision = Forms.Decision("rejected", la: false);
        decision["criteria"]!["localAuthorityEngagement"]!["note"] = " ";

        using var response = await app.Reviewer("Q35").DecideAsync(id, decision);

        var errors = await response.ErrorsAsync();
        Assert.Equal(["criteria.localAuthorityEngagement.note"], errors.Keys);
    }

    [Fact]
    public async Task Decision_ApprovingWithCriterionNotDemonstrated_Is400()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.Reviewer("Q35").DecideAsync(id, Forms.Decision("approved", qipp: false));

        var errors = await response.ErrorsAsync();
        Assert.Contains("outcome", errors.Keys);
    }

    [Fact]
    public async Task Decision_WithoutOutcomeOrCriterion_Is400NamingEachField()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var decision = Forms.Decision("maybe");
        decision["criteria"]!.AsObject().Remove("gpLeadership");

        using var response = await app.Reviewer("Q35").DecideAsync(id, decision);

        var errors = await response.ErrorsAsync();
        Assert.Equal(["criteria.gpLeadership.demonstrated", "outcome"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Decision_ByReviewerOfAnotherSha_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.Reviewer("Q36").DecideAsync(id, Forms.Decision("approved"));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("underReview", await app.National().StatusOfAsync(id));
    }

    [Fact]
    public async Task Decision_ByNationalTeam_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.National().DecideAsync(id, Forms.Decision("approved"));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Decision_OnUnknownApplication_Is404()
    {
        using var response = await app.Reviewer("Q35").DecideAsync("Q35-9999", Forms.Decision("approved"));

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Decision_WithoutToken_Is401()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        using var response = await app.CreateClient().DecideAsync(id, Forms.Decision("approved"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Decision_ApprovingWhilePracticeConflicts_Is409()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Consortium", 0, "B30001", "B30002"));
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q35", "March Consortium", 0, "B30002", "B30003"));

        using var response = await app.Reviewer("Q35").DecideAsync(second, Forms.Decision("approved"));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("B30002", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(first, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("underReview", await app.Reviewer("Q35").StatusOfAsync(second));
    }

    [Fact]
    public async Task Decision_ApprovingAfterConflictingApplicationWithdrawn_Is202()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Wisbech Consortium", 0, "B31001", "B31002"));
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Chatteris Consortium", 0, "B31002", "B31003"));
        using (var withdrawn = await app.Reviewer("Q35").WithdrawAsync(first))
        {
            Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);
        }
        await app.Reviewer("Q35").WaitForStatusAsync(first, "withdrawn");

        await app.Reviewer("Q35").ApproveAsync(second);
    }

    [Fact]
    public async Task Decision_ApprovingAfterConflictingApplicationRejected_Is202()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Huntingdon Consortium", 0, "B32001", "B32002"));
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q35", "St Ives Consortium", 0, "B32002", "B32003"));
        using (var rejected = await app.Reviewer("Q35").DecideAsync(first, Forms.Decision("rejected", gp: false)))
        {
            Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        }
        await app.Reviewer("Q35").WaitForStatusAsync(first, "rejected");

        await app.Reviewer("Q35").ApproveAsync(second);
    }

    [Fact]
    public async Task Decision_ApprovingPracticeOfAnApprovedPathfinder_Is409()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Ramsey Consortium", 0, "B33001"));
        await app.Reviewer("Q35").ApproveAsync(first);
        var second = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Somersham Consortium", 0, "B33001", "B33002"));

        using var response = await app.Reviewer("Q35").DecideAsync(second, Forms.Decision("approved"));

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Decision_EarlierApplication_IsApprovedWhileALaterOneListsItsPractice()
    {
        var earlier = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Whittlesey Consortium", 0, "B34001"));
        // A later application from another SHA lists the same practice: it must not block the first.
        var later = await app.Intake().SubmitAsync(Forms.Valid("Q33", "Stamford Consortium", 0, "B34001", "B34002"));

        await app.Reviewer("Q35").ApproveAsync(earlier);

        using var blocked = await app.Reviewer("Q33").DecideAsync(later, Forms.Decision("approved"));
        var problem = await blocked.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(earlier, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        (await app.Reviewer("Q35").WithdrawAsync(earlier)).Dispose();
        await app.Reviewer("Q35").WaitForStatusAsync(earlier, "withdrawn");
        await app.Reviewer("Q33").ApproveAsync(later);
    }

    [Fact]
    public async Task Decision_TwoDifferentDecisionsAtOnce_OneIs202TheOther409_AndOneIsRecorded()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));

        var answers = await Task.WhenAll(
            app.Reviewer("Q35", "Dr Ann Reviewer").DecideAsync(id, Forms.Decision("approved")),
            app.Reviewer("Q35", "Dr Bob Reviewer").DecideAsync(id, Forms.Decision("rejected", la: false))
        );

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.Accepted);
        var outcome = (await winner.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        var view = await app.Reviewer("Q35").WaitForStatusAsync(id, outcome);
        Assert.Single(view["timeline"]!.AsArray(), t =>
            t!["what"]!
                .GetValue<string>()
                .StartsWith(outcome == "approved" ? "Approved" : "Rejected", StringComparison.Ordinal)
        );
        Assert.All(answers, a => a.Dispose());
    }

    [Fact]
    public async Task Decision_SentAgainAfterALostAnswer_Is202WithTheSameCommand()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var decision = Forms.Decision("approved", comments: "Sent twice");

        using var first = await app.Reviewer("Q35").DecideAsync(id, decision);
        await app.Reviewer("Q35").WaitForStatusAsync(id, "approved");
        using var again = await app.Reviewer("Q35").DecideAsync(id, decision);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonObject>())!["commandId"]!.GetValue<string>(),
            (await again.Content.ReadFromJsonAsync<JsonObject>())!["commandId"]!.GetValue<string>()
        );
    }
}
