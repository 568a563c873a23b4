using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.Review;

/// <summary>
/// The reviewer's pages through the real app: the list, the application as sent, and the decision, withdrawal and
/// go-live forms with the API's rules, answered as the NHS.UK patterns ask.
/// </summary>
public sealed class ReviewPageTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheList_ShowsOnlyTheReviewersSha_SortedByDeadline_AndFiltersByStatus()
    {
        var first = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Consortium"));
        var second = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Wisbech Consortium"));
        var elsewhere = await _app.Intake().SubmitAsync(Forms.Valid("Q36", "Camden Consortium"));
        await _app.WaitUntilRegisteredAsync(elsewhere);
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        var (status, html) = await reviewer.GetPageAsync("/review");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Applications to East of England", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf(first, StringComparison.Ordinal) is var a and >= 0
                && html.IndexOf(second, StringComparison.Ordinal) > a,
            "the sooner deadline comes first"
        );
        Assert.DoesNotContain("Camden Consortium", html, StringComparison.Ordinal);
        Assert.DoesNotContain(
            first,
            (await reviewer.GetPageAsync("/review?status=Approved")).Html,
            StringComparison.Ordinal
        );

        var (badStatus, badHtml) = await reviewer.GetPageAsync("/review?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("nhsuk-error-summary", badHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#status\"", badHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApplicationPage_ShowsTheFormAsSent_WithWhatTheApplicantTypedEncoded()
    {
        var form = Forms.Valid("Q35", "<script>alert('x')</script> Consortium");
        form["localAuthority"] = "Cambridgeshire <b>County</b> Council";
        var id = await _app.Intake().SubmitAsync(form);
        await _app.WaitUntilRegisteredAsync(id);
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        var (status, html) = await reviewer.GetPageAsync($"/review/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Consortium", html, StringComparison.Ordinal);
        Assert.Contains("Cambridgeshire &lt;b&gt;County&lt;/b&gt; Council", html, StringComparison.Ordinal);
        foreach (var practice in form["practices"]!.AsArray())
        {
            Assert.Contains(practice!["code"]!.GetValue<string>(), html, StringComparison.Ordinal);
        }
        Assert.Contains("Timeline", html, StringComparison.Ordinal);
        Assert.Contains("Send decision", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectionWithoutACriterion_ShowsTheErrorSummary_AndDecidesNothing()
    {
        var id = await RegisteredAsync();
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        using var response = await reviewer.PostFormAsync(
            $"/review/{id}",
            $"/review/{id}/decision",
            ("criteria.gpLeadership.demonstrated", "true"),
            ("criteria.localAuthorityEngagement.demonstrated", "true"),
            ("criteria.qippContribution.demonstrated", "true"),
            ("outcome", "rejected")
        );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#outcome\">A group that demonstrates all three criteria joins the programme",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("id=\"outcome-error\"", html, StringComparison.Ordinal);
        // What the reviewer chose is kept.
        Assert.Contains("value=\"rejected\" checked", html, StringComparison.Ordinal);
        Assert.Equal("underReview", await StatusAsync(id));
    }

    [Fact]
    public async Task AnApprovalWithANote_IsRecorded_AndThePageShowsItApproved()
    {
        var id = await RegisteredAsync();
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        using var response = await reviewer.PostFormAsync(
            $"/review/{id}",
            $"/review/{id}/decision",
            ("criteria.gpLeadership.demonstrated", "true"),
            ("criteria.gpLeadership.note", "Every practice signed."),
            ("criteria.localAuthorityEngagement.demonstrated", "true"),
            ("criteria.qippContribution.demonstrated", "true"),
            ("outcome", "approved")
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/review/{id}?done=decision", response.Headers.Location!.OriginalString);
        var (_, html) = await reviewer.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Your decision has been recorded", html, StringComparison.Ordinal);
        Assert.Contains(">Approved</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Send decision", html, StringComparison.Ordinal);
        await WaitForStatusAsync(id, "approved");
        Assert.Contains(
            "Every practice signed.",
            (await reviewer.GetPageAsync($"/review/{id}")).Html,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task AFormWithoutItsToken_IsRefused_AndChangesNothing()
    {
        var id = await RegisteredAsync();
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        using var response = await reviewer.PostFormWithoutOpeningAsync(
            $"/review/{id}/withdrawal",
            ("reason", "Asked by the consortium")
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("underReview", await StatusAsync(id));
    }

    [Fact]
    public async Task Withdrawing_WithAReason_WithdrawsTheApplication()
    {
        var id = await RegisteredAsync();
        using var reviewer = PageClients.ForReviewer(_app, "Q35");

        using var response = await reviewer.PostFormAsync(
            $"/review/{id}",
            $"/review/{id}/withdrawal",
            ("reason", "The consortium is merging with its neighbour.")
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await WaitForStatusAsync(id, "withdrawn");
        Assert.Contains(
            "The consortium is merging with its neighbour.",
            (await reviewer.GetPageAsync($"/review/{id}")).Html,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task TheGoLiveDate_IsCheckedAsADate_AndOnlyOnceApproved()
    {
        var id = await RegisteredAsync();
        using var reviewer = PageClients.ForReviewer(_app, "Q35");
        Assert.DoesNotContain(
            "Agree go-live date",
            (await reviewer.GetPageAsync($"/review/{id}")).Html,
            StringComparison.Ordinal
        );

        // Sent anyway (an old tab): the same refusal as the API's, as a page.
        using var early = await reviewer.PostFormAsync(
            $"/review/{id}",
            $"/review/{id}/go-live",
            ("date-day", "1"),
            ("date-month", "4"),
            ("date-year", "2011")
        );
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Go-live cannot be set now", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var approve = await _app.Reviewer("Q35")
            .PostAsJsonAsync($"/api/applications/{id}/decision", Forms.Decision("approved"));
        await WaitForStatusAsync(id, "approved");
        using var notADate = await reviewer.PostFormAsync(
            $"/review/{id}",
            $"/review/{id}/go-live",
            ("date-day", "31"),
            ("date-month", "2"),
            ("date-year", "2011")
        );
        var html = await notADate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Contains("<a href=\"#date\">The go-live date must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"31\"", html, StringComparison.Ordinal);
    }

    private async Task<string> RegisteredAsync()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await _app.WaitUntilRegisteredAsync(id);
        return id;
    }

    private async Task<string> StatusAsync(string id) =>
        (await _app.National().GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["status"]!.GetValue<string>();

    private Task<string> WaitForStatusAsync(string id, string status) =>
        Eventually.UntilAsync(
            $"{id} to become {status}",
            TimeSpan.FromSeconds(30),
            () => StatusAsync(id),
            s => s == status
        );
}
