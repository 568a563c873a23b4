using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Approve, reject: what the applicant and the SHA are told, on a fake clock.</summary>
public sealed class DecisionPathTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Submitted_IsAcknowledgedToApplicantAndSentToShaReviewers()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));

        var mail = _app.About(id);

        var acknowledgement = Assert.Single(mail, m => m.Kind == "Acknowledgement");
        Assert.Equal([Mailbox.Applicant], acknowledgement.To);
        Assert.Contains("29 November 2010", acknowledgement.Text, StringComparison.Ordinal);
        var newApplication = Assert.Single(mail, m => m.Kind == "NewApplication");
        Assert.Equal([Mailbox.ShaReviewers("Q35")], newApplication.To);
    }

    [Fact]
    public async Task Approved_TellsTheApplicantAndWaitsForAWave()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        _app.Clock.Advance(TimeSpan.FromDays(3));

        await _app.Reviewer("Q35").ApproveAsync(id);

        var approved = Assert.Single(_app.About(id), m => m.Kind == "Approved");
        Assert.Equal([Mailbox.Applicant], approved.To);
        Assert.Contains("approved", approved.Subject, StringComparison.Ordinal);
        // Nothing more happens until a wave is announced, however long it takes.
        await _app.AdvanceAsync(TimeSpan.FromDays(60));
        Assert.Equal("approved", await _app.Reviewer("Q35").StatusOfAsync(id));
        Assert.DoesNotContain(_app.About(id), m => m.Kind is "ReviewReminder" or "Escalation");
    }

    [Fact]
    public async Task Rejected_TellsTheApplicantWhichCriterionAndWhy_AndEnds()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        _app.Clock.Advance(TimeSpan.FromDays(5));
        var decision = Forms.Decision("rejected", la: false, comments: "Please reapply once the council is on board.");
        decision["criteria"]!["localAuthorityEngagement"]!["note"] = "No meeting with Cambridgeshire County Council yet";

        using var response = await _app.Reviewer("Q35").DecideAsync(id, decision);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rejected", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var rejected = Assert.Single(_app.About(id), m => m.Kind == "Rejected");
        Assert.Equal([Mailbox.Applicant], rejected.To);
        Assert.Contains("Local Authority engagement", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("No meeting with Cambridgeshire County Council yet", rejected.Text, StringComparison.Ordinal);
        var before = _app.Sent().Count;
        await _app.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.Equal(before, _app.Sent().Count);
    }
}
