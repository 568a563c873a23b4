using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>/national/inbound: emailed forms held back, read as text, released or discarded by the API's
/// rules.</summary>
public sealed class InboundPageTests : IDisposable
{
    private const string Field = Pathfinder.Functions.Pages.PageServices.AntiforgeryField;
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> QuarantineAsync(InboundParsePost email)
    {
        var receipt = await _app.ReceiveAsync(email);
        Assert.Equal("quarantined", receipt.Status());
        return receipt["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task HeldEmail_IsListedAndShownAsEncodedText()
    {
        var id = await QuarantineAsync(
            new InboundParsePost
            {
                Dkim = "{@fenland.example.nhs.uk : fail}",
                Subject = "EOI <script>alert(1)</script>",
                Text = "Consortium name: <img src=x onerror=alert(2)> Fenland",
                Html = "<p onclick=\"alert(3)\">Rendered HTML</p>",
                Attachments = [InboundParsePost.TextFile("eoi <1>.txt", "hello")],
            }
        );
        var national = PageClients.ForNational(_app);

        var list = await national.PageAsync("/national/inbound");
        var page = await national.PageAsync($"/national/inbound/{id}");

        Assert.Contains($"/national/inbound/{id}", list, StringComparison.Ordinal);
        Assert.Contains("EOI &lt;script&gt;alert(1)&lt;/script&gt;", list, StringComparison.Ordinal);
        Assert.Contains("DKIM check", list, StringComparison.Ordinal);
        Assert.Contains("EOI &lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Consortium name: &lt;img src=x onerror=alert(2)&gt; Fenland", page, StringComparison.Ordinal);
        Assert.Contains("eoi &lt;1&gt;.txt", page, StringComparison.Ordinal);
        Assert.Contains("jane.lead@fenland.example.nhs.uk", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Rendered HTML", page, StringComparison.Ordinal);
        Assert.Contains("Release email", page, StringComparison.Ordinal);
        Assert.Contains("Discard email", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_ThroughThePage_StartsTheApplication_ThenIs409()
    {
        var id = await QuarantineAsync(
            new InboundParsePost
            {
                Dkim = "{@fenland.example.nhs.uk : fail}",
                Text = SampleForms.Text("Chatteris Health Consortium"),
            }
        );
        var national = PageClients.ForNational(_app);
        var token = PageClients.FormToken(await national.PageAsync($"/national/inbound/{id}"));

        using var response = await national.PostFormWithoutOpeningAsync(
            $"/national/inbound/{id}/release",
            (Field, token)
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/national/inbound/{id}?done=released", response.Headers.Location?.OriginalString);
        var email = await _app.InboundAsync(id);
        Assert.Equal("released", email.Status());
        Assert.Equal("started", email["outcome"]!.GetValue<string>());
        Assert.Equal("Nat", email["decidedBy"]!.GetValue<string>());
        var reference = email["applicationReference"]!.GetValue<string>();
        await _app.WaitUntilRegisteredAsync(reference);
        Assert.Single((await _app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!);
        var page = await national.PageAsync($"/national/inbound/{id}?done=released");
        Assert.Contains($"application {reference} started", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Release email", page, StringComparison.Ordinal);
        Assert.DoesNotContain(
            $"/national/inbound/{id}",
            await national.PageAsync("/national/inbound"),
            StringComparison.Ordinal
        );

        // A second post (from another tab, say) finds it no longer waiting.
        using var again = await national.PostFormWithoutOpeningAsync($"/national/inbound/{id}/release", (Field, token));
        var html = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("nhsuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("is released, not quarantined or waiting", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discard_ThroughThePage_KeepsItUnanswered_ThenIs409()
    {
        var id = await QuarantineAsync(new InboundParsePost { Spf = "fail", Text = "hello" });
        var national = PageClients.ForNational(_app);
        var token = PageClients.FormToken(await national.PageAsync($"/national/inbound/{id}"));

        using var response = await national.PostFormWithoutOpeningAsync(
            $"/national/inbound/{id}/discard",
            (Field, token)
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/national/inbound?done=discarded", response.Headers.Location?.OriginalString);
        Assert.Equal("discarded", (await _app.InboundAsync(id)).Status());
        Assert.Contains(
            "No emails are waiting.",
            await national.PageAsync("/national/inbound?done=discarded"),
            StringComparison.Ordinal
        );
        using var again = await national.PostFormWithoutOpeningAsync($"/national/inbound/{id}/release", (Field, token));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task UnknownEmail_Is404()
    {
        var national = PageClients.ForNational(_app);

        using var page = await national.GetAsync(
            new Uri("/national/inbound/20101101090000000-0000000000", UriKind.Relative)
        );
        using var post = await national.PostFormAsync(
            "/national/waves",
            "/national/inbound/no-such-email-here/release"
        );

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}
