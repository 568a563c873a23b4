using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Notifications.Delivery;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>
/// A bounced acknowledgement, as SendGrid's Event Webhook reports it, is a problem the national team sees on
/// /national/notifications and the reviewers see on the application's page.
/// </summary>
public sealed class UndeliveredNotificationPageTests : IDisposable
{
    private readonly EventWebhookSigner _signer = new();
    private readonly PathfinderApp _app;

    public UndeliveredNotificationPageTests()
    {
        _app = PathfinderApp.With(("SendGrid:EventWebhook:VerificationKey", _signer.VerificationKey));
    }

    public void Dispose()
    {
        _app.Dispose();
        _signer.Dispose();
    }

    [Fact]
    public async Task BouncedAcknowledgement_IsAProblemOnTheNationalPageAndTheApplicationsPage()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var acknowledgement = await Notices.WaitForAsync(_app, id, n =>
            n["categories"]!.AsArray().Any(c => c!.GetValue<string>() == "Acknowledgement")
        );
        var address = acknowledgement["recipients"]![0]!.GetValue<string>();

        await BounceAsync(id, acknowledgement["step"]!.GetValue<string>(), address, "550 5.1.1 No such user here");

        var national = await PageClients.ForNational(_app).PageAsync("/national/notifications");
        Assert.Contains("1 notification not delivered", national, StringComparison.Ordinal);
        Assert.Contains("Bounced", national, StringComparison.Ordinal);
        Assert.Contains(address, national, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 No such user here", national, StringComparison.Ordinal);

        var application = await PageClients.ForReviewer(_app, "Q35").PageAsync($"/review/{id}");
        Assert.Contains("Email not delivered", application, StringComparison.Ordinal);
        Assert.Contains($"<strong>Bounced</strong>: {address}", application, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveredAcknowledgement_IsNoProblemAnywhere()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var acknowledgement = await Notices.WaitForAsync(_app, id, n =>
            n["categories"]!.AsArray().Any(c => c!.GetValue<string>() == "Acknowledgement")
        );

        await PostAsync(
            id,
            acknowledgement["step"]!.GetValue<string>(),
            acknowledgement["recipients"]![0]!.GetValue<string>(),
            "delivered",
            null
        );

        Assert.Contains(
            "Every email SendGrid has told us about was delivered.",
            await PageClients.ForNational(_app).PageAsync("/national/notifications"),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "Email not delivered",
            await PageClients.ForReviewer(_app, "Q35").PageAsync($"/review/{id}"),
            StringComparison.Ordinal
        );
    }

    private Task BounceAsync(string id, string step, string address, string reason) =>
        PostAsync(id, step, address, "bounce", reason);

    private async Task PostAsync(string id, string step, string address, string type, string? reason)
    {
        using var client = _app.CreateClient();
        using var response = await client.SendAsync(
            _signer.PostEvent(new Uri("/api/notifications/events", UriKind.Relative), address, type, reason, id, step)
        );
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>
/// The whole path with SendGrid in it: mail goes out through the SendGrid client to the local fake, which posts signed
/// events back to the app's Event Webhook as SendGrid would; a lead GP's address that bounces shows as a problem.
/// </summary>
public sealed class SendGridDeliveryTests
{
    [Fact]
    public async Task AcknowledgementToAnAddressThatBounces_ShowsAsBouncedOnTheNationalPage()
    {
        await using var loop = await SendGridLoop.StartAsync();
        var (app, sendGrid) = (loop.App, loop.SendGrid);
        var form = Forms.Valid("Q36");
        form["leadGp"]!["email"] = "no.such.gp@" + Notifications.FakeSendGridServer.BouncingDomain;

        var id = await app.Intake().SubmitAsync(form);

        var national = PageClients.ForNational(app);
        var html = await Eventually.UntilAsync(
            "the bounce on the national team's page",
            TimeSpan.FromSeconds(30),
            () => national.PageAsync("/national/notifications"),
            page =>
                page.Contains("no.such.gp@" + Notifications.FakeSendGridServer.BouncingDomain, StringComparison.Ordinal)
        );
        Assert.Contains("Bounced", html, StringComparison.Ordinal);
        Assert.Contains($"({id}, ", html, StringComparison.Ordinal);
        // Every post of events was signed and accepted; the reviewers' notice was delivered, so it is no problem.
        Assert.All(await sendGrid.EventPostsAsync(), s => Assert.Equal(System.Net.HttpStatusCode.OK, s));
        Assert.Contains("1 notification not delivered", html, StringComparison.Ordinal);
    }
}

/// <summary>POST /api/notifications/{instance}/{step}/resend: the national team mends a bounced notification.</summary>
public sealed class ResendNotificationTests
{
    [Fact]
    public async Task BouncedAcknowledgement_SentAgainToACorrectedAddress_GoesOnceHoweverOftenAsked()
    {
        await using var loop = await SendGridLoop.StartAsync();
        var (app, sendGrid) = (loop.App, loop.SendGrid);
        var form = Forms.Valid("Q37");
        form["leadGp"]!["email"] = "jane.lead@" + Notifications.FakeSendGridServer.BouncingDomain;
        var id = await app.Intake().SubmitAsync(form);
        var bounced = await Notices.WaitForAsync(app, id, n =>
            n["delivery"]?["report"]?["state"]?.GetValue<string>() == "bounce"
        );
        var step = bounced["step"]!.GetValue<string>();
        var path = new Uri($"/api/notifications/{id}/{step}/resend", UriKind.Relative);

        // A malformed corrected address is refused, naming the field, and nothing is sent.
        using (var refused = await app.National().PostAsJsonAsync(path, new { to = "jane.lead at fenland" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["to"], (await refused.ErrorsAsync()).Keys);
        }
        var key = Guid.NewGuid().ToString();
        for (var press = 0; press < 3; press++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = JsonContent.Create(new { to = "jane.lead@fenland.example.nhs.uk" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var answer = await app.National().SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        }

        var copy = await Notices.WaitForAsync(app, id, n =>
            n["step"]!.GetValue<string>() == $"{step}.again.{key}"
            && n["delivery"]?["report"]?["state"]?.GetValue<string>() == "delivered"
        );
        Assert.Equal(
            ["jane.lead@fenland.example.nhs.uk"],
            copy["recipients"]!.AsArray().Select(r => r!.GetValue<string>())
        );
        var toCorrected = sendGrid.Received.Count(r =>
            r.Body.Contains("jane.lead@fenland.example.nhs.uk", StringComparison.Ordinal)
        );
        Assert.Equal(1, toCorrected);
        var detail = (await app.National().GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!;
        var lines = detail["timeline"]!
            .AsArray()
            .Select(t => t!["what"]!.GetValue<string>())
            .Where(w => w.Contains("sent again", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            [
                $"\"{bounced["subject"]!.GetValue<string>()}\" sent again to jane.lead@fenland.example.nhs.uk "
                    + $"(the first was bounce for jane.lead@{Notifications.FakeSendGridServer.BouncingDomain})",
            ],
            lines
        );
    }

    [Fact]
    public async Task DeliveredNotification_IsNotSentAgain_409()
    {
        using var app = new PathfinderApp();
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37"));
        var sent = await Notices.WaitForAsync(app, id, n => n["status"]!.GetValue<string>() == "sent");

        using var answer = await app.National()
            .PostAsync(
                new Uri($"/api/notifications/{id}/{sent["step"]!.GetValue<string>()}/resend", UriKind.Relative),
                null
            );

        Assert.Equal(System.Net.HttpStatusCode.Conflict, answer.StatusCode);
    }
}

/// <summary>Waits on the national team's list of notifications.</summary>
internal static class Notices
{
    /// <summary>The first notification of application <paramref name="id"/> that meets the condition, within 30
    /// s.</summary>
    public static async Task<JsonObject> WaitForAsync(PathfinderApp app, string id, Func<JsonObject, bool> condition)
    {
        using var national = app.National();
        async Task<JsonObject?> FirstMatch() =>
            (await national.GetFromJsonAsync<JsonArray>("/api/notifications"))!
                .Select(n => n!.AsObject())
                .FirstOrDefault(n => n["instanceId"]!.GetValue<string>() == id && condition(n));
        return await Eventually.UntilAsync<JsonObject?>(
            $"a notification of {id} in the expected state",
            TimeSpan.FromSeconds(30),
            FirstMatch,
            n => n is not null
        ) ?? throw new InvalidOperationException("Unreachable: the wait returns a match.");
    }
}

/// <summary>The app with SendGrid in the loop: its mail goes to the local fake, which posts signed events
/// back.</summary>
internal sealed class SendGridLoop(
    EventWebhookSigner signer,
    Notifications.FakeSendGridServer sendGrid,
    PathfinderApp app
) : IAsyncDisposable
{
    private const string Key = "SG.delivery-test.0123456789abcdef";

    public PathfinderApp App => app;

    public Notifications.FakeSendGridServer SendGrid => sendGrid;

    public static async Task<SendGridLoop> StartAsync()
    {
        var signer = new EventWebhookSigner();
        var sendGrid = await Notifications.FakeSendGridServer.StartAsync(Key, TimeProvider.System);
        var app = PathfinderApp.With(
            ("SendGrid:ApiKey", Key),
            ("SendGrid:BaseUrl", sendGrid.BaseUrl.AbsoluteUri),
            ("SendGrid:EventWebhook:VerificationKey", signer.VerificationKey)
        );
        sendGrid.PostEventsTo(new Uri(app.BaseAddress, "/api/notifications/events"), signer);
        return new SendGridLoop(signer, sendGrid, app);
    }

    public async ValueTask DisposeAsync()
    {
        app.Dispose();
        await sendGrid.DisposeAsync();
        signer.Dispose();
    }
}
