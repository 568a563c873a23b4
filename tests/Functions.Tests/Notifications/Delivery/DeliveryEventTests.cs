using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Delivery;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Notifications.Delivery;

/// <summary>
/// POST /api/notifications/events, SendGrid's signed Event Webhook, through the real app on Azurite: what each post
/// does to the notifications the national team sees, and that a refused post changes nothing.
/// </summary>
public sealed class DeliveryEventTests : IClassFixture<DeliveryEventTests.App>, IDisposable
{
    private static readonly Uri Webhook = new("/api/notifications/events", UriKind.Relative);
    private readonly App _app;
    private readonly HttpClient _client;
    private readonly string _instance = "PF-EV" + Guid.NewGuid().ToString("N")[..8];

    public DeliveryEventTests(App app)
    {
        _app = app;
        _client = app.Host.CreateClient();
    }

    [Fact]
    public async Task SignedBounce_ShowsOnTheNotificationAsAProblemWithSendGridsReason()
    {
        await QueueAsync("1", "lead.gp@practice.example");

        using var response = await PostAsync(
            Events(
                Event(
                    "1",
                    "lead.gp@practice.example",
                    "bounce",
                    100,
                    reason: "550 5.1.1 The email account that you tried to reach does not exist"
                )
            )
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await EntryAsync("1");
        Assert.Equal("Bounce", entry["delivery"]!["report"]!["state"]!.GetValue<string>(), ignoreCase: true);
        Assert.Contains(
            "does not exist",
            entry["delivery"]!["report"]!["reason"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        Assert.True(entry["isDeliveryProblem"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unsigned_Is401_AndChangesNothing()
    {
        await QueueAsync("1", "a@practice.example");

        using var response = await _client.SendAsync(
            _app.Signer.Post(Webhook, Events(Event("1", "a@practice.example", "bounce", 100)), sign: false)
        );

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null((await EntryAsync("1"))["delivery"]);
    }

    [Fact]
    public async Task SignedByAnotherKey_Is403_AndChangesNothing()
    {
        await QueueAsync("1", "a@practice.example");
        using var forger = new EventWebhookSigner();

        using var response = await _client.SendAsync(
            forger.Post(Webhook, Events(Event("1", "a@practice.example", "bounce", 100)))
        );

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await EntryAsync("1"))["delivery"]);
    }

    [Fact]
    public async Task BodyChangedAfterSigning_Is403()
    {
        await QueueAsync("1", "a@practice.example");
        var json = Events(Event("1", "a@practice.example", "delivered", 100));
        var timestamp = "1700000000";
        using var request = _app.Signer.Post(
            Webhook,
            json.Replace("delivered", "bounce", StringComparison.Ordinal),
            timestamp
        );
        request.Headers.Remove(EventWebhookSigner.SignatureHeader);
        request.Headers.Add(EventWebhookSigner.SignatureHeader, _app.Signer.Sign(timestamp, json));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await EntryAsync("1"))["delivery"]);
    }

    [Fact]
    public async Task MalformedJson_Is400NamingTheBody()
    {
        using var response = await _client.SendAsync(_app.Signer.Post(Webhook, "[{\"event\": \"bounce\","));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task NotAnArray_Is400()
    {
        using var response = await _client.SendAsync(_app.Signer.Post(Webhook, "{\"event\": \"bounce\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_Is413_AndChangesNothing()
    {
        await QueueAsync("1", "a@practice.example");
        var padding = new string('x', App.MaxBodyBytes);
        var json = Events(Event("1", "a@practice.example", "bounce", 100, reason: padding));

        using var response = await _client.SendAsync(_app.Signer.Post(Webhook, json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null((await EntryAsync("1"))["delivery"]);
    }

    [Fact]
    public async Task SameBatchTwice_AppliesEachEventOnce()
    {
        await QueueAsync("1", "a@practice.example");
        var json = Events(
            Event("1", "a@practice.example", "processed", 100),
            Event("1", "a@practice.example", "delivered", 160)
        );

        var first = await ReceiptAsync(json);
        var second = await ReceiptAsync(json);

        Assert.Equal((2, 0, 0), (first.Applied, first.AlreadyApplied, first.Unmatched));
        Assert.Equal((0, 2, 0), (second.Applied, second.AlreadyApplied, second.Unmatched));
        Assert.Equal(
            "Delivered",
            (await EntryAsync("1"))["delivery"]!["report"]!["state"]!.GetValue<string>(),
            ignoreCase: true
        );
    }

    [Fact]
    public async Task DeliveredBeforeDeferred_StaysDelivered()
    {
        await QueueAsync("1", "a@practice.example");

        await ReceiptAsync(Events(Event("1", "a@practice.example", "delivered", 300)));
        await ReceiptAsync(
            Events(
                Event("1", "a@practice.example", "deferred", 200, reason: "451 try later"),
                Event("1", "a@practice.example", "processed", 100)
            )
        );

        var entry = await EntryAsync("1");
        Assert.Equal("Delivered", entry["delivery"]!["report"]!["state"]!.GetValue<string>(), ignoreCase: true);
        Assert.False(entry["isDeliveryProblem"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OneRecipientOfSeveralBounces_TheNotificationShowsThatRecipient()
    {
        await QueueAsync("digest", "lmc@lmc.example", "rcgp@rcgp.example", "napc@napc.example");

        await ReceiptAsync(
            Events(
                Event("digest", "lmc@lmc.example", "delivered", 100),
                Event("digest", "rcgp@rcgp.example", "dropped", 101, reason: "Bounced Address"),
                Event("digest", "napc@napc.example", "delivered", 102)
            )
        );

        var delivery = (await EntryAsync("digest"))["delivery"]!;
        Assert.Equal("Dropped", delivery["report"]!["state"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("rcgp@rcgp.example", delivery["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownOutboxRow_IsKeptAsUnmatchedAndAnswered200()
    {
        var receipt = await ReceiptAsync(
            Events(
                Event("no-such-step", "a@practice.example", "bounce", 100),
                JsonSerializer.Serialize(
                    new
                    {
                        email = "b@practice.example",
                        @event = "delivered",
                        timestamp = 100,
                        sg_event_id = Guid.NewGuid().ToString(),
                    }
                )
            )
        );

        Assert.Equal((0, 0, 2), (receipt.Applied, receipt.AlreadyApplied, receipt.Unmatched));
        var kept = await _app
            .Host.Services.GetRequiredService<DeliveryTracking>()
            .UnmatchedAsync(1000, CancellationToken.None);
        Assert.Contains(kept, e =>
            e.Email == "a@practice.example" && e.Json.Contains(_instance, StringComparison.Ordinal)
        );
        Assert.Contains(kept, e => e.Email == "b@practice.example");
    }

    [Fact]
    public async Task AThousandEventsInOnePost_AreAllApplied()
    {
        var recipients = Enumerable.Range(0, 100).Select(i => $"member{i}@practice.example").ToArray();
        for (var step = 0; step < 10; step++)
        {
            await QueueAsync($"s{step}", recipients);
        }
        var events = Enumerable
            .Range(0, 10)
            .SelectMany(step =>
                recipients.Select((r, i) => Event($"s{step}", r, i == 7 ? "bounce" : "delivered", 100 + i))
            )
            .ToArray();

        var receipt = await ReceiptAsync(Events(events));

        Assert.Equal((1000, 0, 0), (receipt.Applied, receipt.AlreadyApplied, receipt.Unmatched));
        for (var step = 0; step < 10; step++)
        {
            var delivery = (await EntryAsync($"s{step}"))["delivery"]!;
            Assert.Equal("member7@practice.example", delivery["email"]!.GetValue<string>());
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task QueueAsync(string step, params string[] to) =>
        await _app
            .Host.Services.GetRequiredService<Outbox>()
            .EnqueueAsync(
                _instance,
                step,
                new EmailMessage(
                    [.. to.Select(a => new EmailAddress(a, null))],
                    "Your application",
                    "Text",
                    "<p>Html</p>"
                ),
                CancellationToken.None
            );

    private async Task<JsonObject> EntryAsync(string step)
    {
        var all = (await _app.Host.National().GetFromJsonAsync<JsonArray>("/api/notifications"))!;
        return all.Select(n => n!.AsObject())
            .Single(n => n["instanceId"]!.GetValue<string>() == _instance && n["step"]!.GetValue<string>() == step);
    }

    private Task<HttpResponseMessage> PostAsync(string json) => _client.SendAsync(_app.Signer.Post(Webhook, json));

    private async Task<DeliveryReceipt> ReceiptAsync(string json)
    {
        using var response = await PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DeliveryReceipt>())!;
    }

    /// <summary>One event as SendGrid posts it, with the custom_args every Mail Send of ours carries.</summary>
    private string Event(string step, string email, string type, long timestamp, string? reason = null) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["email"] = email,
                ["timestamp"] = timestamp,
                ["event"] = type,
                ["sg_event_id"] = Guid.NewGuid().ToString("N"),
                ["sg_message_id"] = "msg." + step,
                ["reason"] = reason,
                [OutboxKey.InstanceArg] = _instance,
                [OutboxKey.StepArg] = step,
            }
        );

    private static string Events(params string[] events) => "[" + string.Join(",", events) + "]";

    /// <summary>One app for the class, with a verification key whose private half the tests sign with.</summary>
    public sealed class App : IDisposable
    {
        public const int MaxBodyBytes = 1024 * 1024;

        public App()
        {
            Host = PathfinderApp.With(
                ("SendGrid:EventWebhook:VerificationKey", Signer.VerificationKey),
                // Smaller, so the 413 test need not post megabytes; production's limit is 4 MB.
                (
                    "SendGrid:EventWebhook:MaxBodyBytes",
                    MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)
                )
            );
        }

        public EventWebhookSigner Signer { get; } = new();

        public PathfinderApp Host { get; }

        public void Dispose()
        {
            Host.Dispose();
            Signer.Dispose();
        }
    }
}
