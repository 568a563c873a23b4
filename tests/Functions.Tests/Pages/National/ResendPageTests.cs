using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Notifications;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>
/// The national team mends a bounced acknowledgement from its page: the failed notifications page links to a page
/// that shows what happened and sends the email again, to a corrected address if one is typed, once however often the
/// button is pressed; the application's timeline says who did it.
/// </summary>
public sealed class ResendPageTests
{
    private const string Corrected = "jane.lead@fenland.example.nhs.uk";

    [Fact]
    public async Task BouncedAcknowledgement_SentAgainFromThePage_ToACorrectedAddress_Once()
    {
        await using var loop = await SendGridLoop.StartAsync();
        var (app, sendGrid) = (loop.App, loop.SendGrid);
        var bouncing = "jane.lead@" + FakeSendGridServer.BouncingDomain;
        var form = Forms.Valid("Q38");
        form["leadGp"]!["email"] = bouncing;
        var id = await app.Intake().SubmitAsync(form);
        var bounced = await Notices.WaitForAsync(app, id, n =>
            n["delivery"]?["report"]?["state"]?.GetValue<string>() == "bounce"
        );
        var page = $"/national/notifications/{id}/{bounced["step"]!.GetValue<string>()}/resend";
        var national = PageClients.ForNational(app, "Nat Team");

        var list = await national.PageAsync("/national/notifications");
        Assert.Contains($"href=\"{page}\"", list, StringComparison.Ordinal);
        var html = await national.PageAsync(page);
        Assert.Contains("Bounced", html, StringComparison.Ordinal);
        Assert.Contains(bouncing, html, StringComparison.Ordinal);
        var press = Press(html);

        // A malformed address: the error summary names it, the page keeps what was typed, and nothing is sent.
        using (var invalid = await national.PostFormAsync(page, page, ("to", "jane.lead at fenland"), ("press", press)))
        {
            var shown = await invalid.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("There is a problem", shown, StringComparison.Ordinal);
            Assert.Contains("href=\"#to\"", shown, StringComparison.Ordinal);
            Assert.Contains("value=\"jane.lead at fenland\"", shown, StringComparison.Ordinal);
        }
        for (var pressed = 0; pressed < 3; pressed++)
        {
            using var sent = await national.PostFormAsync(page, page, ("to", Corrected), ("press", press));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/national/notifications?done=resent", sent.Headers.Location?.OriginalString);
        }

        Assert.Contains(
            "The email was sent again",
            await national.PageAsync("/national/notifications?done=resent"),
            StringComparison.Ordinal
        );
        await Eventually.UntilAsync("the copy to reach the fake SendGrid", TimeSpan.FromSeconds(30), () =>
            sendGrid.Received.Any(r => r.Body.Contains(Corrected, StringComparison.Ordinal))
        );
        Assert.Equal(1, sendGrid.Received.Count(r => r.Body.Contains(Corrected, StringComparison.Ordinal)));
        Assert.Contains($"To {Corrected}", await national.PageAsync(page), StringComparison.Ordinal);
        var timeline = (await app.National().GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))![
            "timeline"
        ]!.AsArray();
        var line = Assert.Single(timeline, t =>
            t!["what"]!.GetValue<string>().Contains("sent again", StringComparison.Ordinal)
        );
        Assert.Equal("Nat Team", line!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliveredNotification_HasNothingToMend_AndAPostIsRefused()
    {
        using var app = new PathfinderApp();
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q38"));
        var sent = await Notices.WaitForAsync(app, id, n => n["status"]!.GetValue<string>() == "sent");
        var page = $"/national/notifications/{id}/{sent["step"]!.GetValue<string>()}/resend";
        var national = PageClients.ForNational(app);

        var html = await national.PageAsync(page);
        Assert.Contains("Nothing to mend", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"press\"", html, StringComparison.Ordinal);

        using var refused = await national.PostFormAsync("/national/partners/new", page, ("to", ""), ("press", "a1"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Nothing to mend", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNotification_IsA404Page()
    {
        using var app = new PathfinderApp();

        var (status, html) = await PageClients
            .ForNational(app)
            .GetPageAsync("/national/notifications/Q35-9999/0001-00/resend");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("There is no notification Q35-9999/0001-00", html, StringComparison.Ordinal);
    }

    private static string Press(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"press\" value=\"(?<press>[0-9a-f]+)\"");
        Assert.True(match.Success, "The page has no press id.");
        return match.Groups["press"].Value;
    }
}
