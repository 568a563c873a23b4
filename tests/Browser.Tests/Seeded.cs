using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Testing;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// The applications the browser tests work on, sent through the API (the browser tests are about the pages, not the
/// intake) when the fixture starts: one per test that changes an application, so tests never depend on each other's
/// order.
/// </summary>
/// <param name="ToApprove">Q35, under review: journey 1 approves it.</param>
/// <param name="ToReject">Q35, under review: journey 2 tries to reject it without reasons (nothing is
/// recorded).</param>
/// <param name="ForKeyboard">Q35, under review: the keyboard walk decides on it.</param>
/// <param name="ToView">Q35, under review, never changed: the accessibility checks and screenshots show it.</param>
/// <param name="Approved">Q35, approved through the API: the wave journey announces it.</param>
public sealed record Seeded(string ToApprove, string ToReject, string ForKeyboard, string ToView, string Approved)
{
    private static int _practiceSeed = 20000;

    public static async Task<Seeded> SubmitAsync(LocalHostProcess host)
    {
        var ids = await Task.WhenAll(
            Enumerable.Range(1, 5).Select(i => SubmitAsync(host, "Q35", $"Browser Test Consortium {i}"))
        );
        await Task.WhenAll(ids.Select(id => WaitForStatusAsync(host, id, _ => true)));
        using var reviewer = host.Reviewer("Q35");
        using var decided = await reviewer.PostAsJsonAsync($"/api/applications/{ids[4]}/decision", ApprovedDecision());
        Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        await WaitForStatusAsync(host, ids[4], s => s == "approved");
        return new Seeded(ids[0], ids[1], ids[2], ids[3], ids[4]);
    }

    /// <summary>Submits a valid form through the intake API and returns its reference.</summary>
    public static async Task<string> SubmitAsync(LocalHostProcess host, string sha, string consortium)
    {
        using var intake = host.Intake();
        using var response = await intake.PostAsJsonAsync("/api/applications", Form(sha, consortium));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>The application's status as the API gives it (e.g. "underReview", "approved"), once
    /// registered.</summary>
    public static async Task<string?> StatusAsync(LocalHostProcess host, string id)
    {
        using var national = host.National();
        using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>()
            : null;
    }

    /// <summary>Waits (up to 90 s) until the application is registered and its status passes <paramref
    /// name="until"/>.</summary>
    public static async Task<string> WaitForStatusAsync(LocalHostProcess host, string id, Func<string, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            if (await StatusAsync(host, id) is { } status && until(status))
            {
                return status;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{id} did not reach the expected status within 90 s");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Submits an application and terminates its workflow through the national team's API, so the workflows page lists
    /// it as out of step; returns the reference.
    /// </summary>
    public static async Task<string> TerminatedWorkflowAsync(LocalHostProcess host, string consortium)
    {
        var id = await SubmitAsync(host, "Q37", consortium);
        await WaitForStatusAsync(host, id, s => s == "underReview");
        using var national = host.National();
        using var terminated = await national.PostAsJsonAsync(
            $"/api/workflows/{id}/terminate",
            new { reason = "Stopped to check the reviewers' mailbox before the reminders go" }
        );
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        return id;
    }

    /// <summary>
    /// Submits an application and reports its acknowledgement bounced, as SendGrid's Event Webhook would (signed);
    /// returns the reference and the acknowledgement's outbox step once the national team's API lists the bounce.
    /// </summary>
    public static async Task<(string Id, string Step)> BouncedAcknowledgementAsync(
        BrowserFixture fixture,
        string consortium
    )
    {
        var id = await SubmitAsync(fixture.Host, "Q35", consortium);
        using var national = fixture.Host.National();
        async Task<JsonObject?> Acknowledgement(Func<JsonObject, bool> also) =>
            (await national.GetFromJsonAsync<JsonArray>("/api/notifications"))!
                .Select(n => n!.AsObject())
                .FirstOrDefault(n =>
                    n["instanceId"]!.GetValue<string>() == id
                    && n["categories"]!.AsArray().Any(c => c!.GetValue<string>() == "Acknowledgement")
                    && also(n)
                );
        var sent = await Eventually.UntilAsync<JsonObject?>(
            $"{id}'s acknowledgement to be sent",
            TimeSpan.FromSeconds(60),
            () => Acknowledgement(n => n["status"]!.GetValue<string>() == "sent"),
            n => n is not null
        );
        var step = sent!["step"]!.GetValue<string>();
        using var client = new HttpClient { BaseAddress = fixture.Host.Address };
        using var posted = await client.SendAsync(
            fixture.Signer.PostEvent(
                new Uri("/api/notifications/events", UriKind.Relative),
                sent["recipients"]![0]!.GetValue<string>(),
                "bounce",
                "550 5.1.1 The email account does not exist",
                id,
                step
            )
        );
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await Eventually.UntilAsync<JsonObject?>(
            $"{id}'s bounce to be recorded",
            TimeSpan.FromSeconds(30),
            () => Acknowledgement(n => n["delivery"]?["report"]?["state"]?.GetValue<string>() == "bounce"),
            n => n is not null
        );
        return (id, step);
    }

    /// <summary>
    /// Posts an email as SendGrid Inbound Parse would, with a spam score above the threshold so that it is
    /// quarantined, and returns its id.
    /// </summary>
    public static async Task<string> QuarantinedEmailAsync(LocalHostProcess host, string consortium)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "samples", "expression-of-interest.txt"))
            .Replace("Fenland Health Consortium", consortium, StringComparison.Ordinal);
        const string from = "Dr Jane Lead <jane.lead@fenland.example.nhs.uk>";
        const string to = "pathfinders.q35@inbound.pathfinders.example.nhs.uk";
        var subject = $"Expression of interest: {consortium}";
        using var form = new MultipartFormDataContent("xYzZY");
        void Field(string name, string value) => form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name);
        Field(
            "headers",
            $"From: {from}\nTo: {to}\nSubject: {subject}\nMessage-ID: "
                + $"<{Guid.NewGuid():N}@mail.fenland.example.nhs.uk>\n"
                + "Date: Mon, 1 Nov 2010 09:00:00 +0000\nMIME-Version: 1.0\n"
        );
        Field("dkim", "{@fenland.example.nhs.uk : pass}");
        Field("to", to);
        Field("from", from);
        Field("text", text);
        Field("sender_ip", "192.0.2.25");
        Field(
            "envelope",
            JsonSerializer.Serialize(new { to = new[] { to }, from = "jane.lead@fenland.example.nhs.uk" })
        );
        Field("attachments", "0");
        Field("subject", subject);
        Field("spam_score", "9.8");
        Field("charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"utf-8"}""");
        Field("SPF", "pass");
        using var client = host.Client();
        using var response = await client.PostAsync(
            new Uri($"/api/inbound/email?code={TestTokens.IntakeKey}", UriKind.Relative),
            form
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("quarantined", receipt["status"]!.ToString(), ignoreCase: true);
        return receipt["id"]!.GetValue<string>();
    }

    /// <summary>The emails the app has written to the pickup folder so far.</summary>
    public static IReadOnlyList<MimeMessage> Mail(string pickupDirectory) =>
        [
            .. Directory
                .GetFiles(pickupDirectory, "*.eml")
                .Order(StringComparer.Ordinal)
                .Select(f => MimeMessage.Load(f)),
        ];

    public static JsonObject ApprovedDecision() =>
        new()
        {
            ["outcome"] = "approved",
            ["criteria"] = new JsonObject
            {
                ["gpLeadership"] = new JsonObject { ["demonstrated"] = true, ["note"] = "clear" },
                ["localAuthorityEngagement"] = new JsonObject { ["demonstrated"] = true, ["note"] = "good" },
                ["qippContribution"] = new JsonObject { ["demonstrated"] = true, ["note"] = "good" },
            },
        };

    private static JsonObject Form(string sha, string consortium) =>
        ApplicationForms.Valid(
            sha,
            consortium,
            [.. Enumerable.Range(0, 3).Select(_ => $"D{Interlocked.Increment(ref _practiceSeed):D5}")]
        );
}
