using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Intake.Inbound;

/// <summary>The webhook's contract with SendGrid: the key, what it refuses, what it keeps, and quarantine.</summary>
public sealed class WebhookTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/api/inbound/email")]
    [InlineData("/api/inbound/email?code=not-the-intake-key-at-all")]
    public async Task WithoutTheKey_401_AndNothingKept(string url)
    {
        using var content = new InboundParsePost { Text = "Consortium name: Fenland" }.Build();
        var response = await _app.CreateClient().PostAsync(url, content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound"))!);
    }

    [Fact]
    public async Task NotMultipart_415_AndNothingKept()
    {
        var response = await _app.CreateClient()
            .PostAsJsonAsync(EmailIntakeFixture.Webhook, new { from = "a@b.example" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound"))!);
    }

    [Fact]
    public async Task TruncatedMultipart_400_AndNothingKeptOrStarted()
    {
        var (body, contentType) = await new InboundParsePost
        {
            Text = "Consortium name: Fenland",
            Attachments = [InboundParsePost.TextFile("form.txt", new string('x', 20_000))],
        }.BytesAsync();
        using var cut = new ByteArrayContent(body[..(body.Length * 2 / 3)]);
        cut.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _app.CreateClient().PostAsync(EmailIntakeFixture.Webhook, cut);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound"))!);
        Assert.Empty(_app.Mail());
    }

    [Fact]
    public async Task OverThirtyMegabytes_413_AndNothingKept()
    {
        var email = new InboundParsePost
        {
            Text = "Please see the attached scans.",
            Attachments = [("scans.pdf", "application/pdf", new byte[31 * 1024 * 1024])],
        };

        // As a client that waits for "100 Continue" before a large body: the app refuses on the declared length alone.
        using var content = email.Build();
        using var request = new HttpRequestMessage(HttpMethod.Post, EmailIntakeFixture.Webhook) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(
            "30 MB",
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound"))!);
    }

    [Fact]
    public async Task EveryFieldAndAttachment_IsArchivedAsItArrived()
    {
        var pdf = new byte[300_000];
        Random.Shared.NextBytes(pdf);
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost
            {
                Text = "Hello",
                Html = "<p>Hello</p>",
                Attachments = [("minutes.pdf", "application/pdf", pdf)],
            }
        );

        var email = await _app.InboundAsync(receipt["id"]!.GetValue<string>());
        var parts = email["parts"]!.AsArray();
        Assert.Contains(parts, p => p!["field"]!.GetValue<string>() == "html");
        Assert.Contains(parts, p => p!["field"]!.GetValue<string>() == "headers");
        var attachment = parts.Single(p => p!["fileName"]?.GetValue<string>() == "minutes.pdf")!;
        Assert.Equal(300_000, attachment["bytes"]!.GetValue<long>());
        var blob = attachment["blob"]!.GetValue<string>();
        var day = email["receivedAt"]!
            .GetValue<DateTimeOffset>()
            .UtcDateTime.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith(day + "/" + receipt["id"]!.GetValue<string>() + "/", blob, StringComparison.Ordinal);
        var archive = _app.Services.GetRequiredService<Pathfinder.Functions.Intake.Inbound.InboundArchive>();
        Assert.Equal(pdf, await archive.ReadAsync(blob, CancellationToken.None));
        Assert.Equal(SenderAddress, email["sender"]!.GetValue<string>());
        Assert.NotNull(email["messageId"]);

        // The small fields share one blob, a multipart body as posted: each field reads back byte for byte.
        var html = parts.Single(p => p!["field"]!.GetValue<string>() == "html")!;
        var fieldsBlob = html["blob"]!.GetValue<string>();
        Assert.Equal(
            fieldsBlob,
            parts.Single(p => p!["field"]!.GetValue<string>() == "headers")!["blob"]!.GetValue<string>()
        );
        var archived = await ArchivedFieldsAsync(archive, fieldsBlob);
        Assert.Equal("<p>Hello</p>", archived["html"]);
        Assert.Equal("Hello", archived["text"]);
        Assert.Equal(parts.Count - 1, archived.Count);
    }

    [Fact]
    public async Task AFieldOver64KB_GetsABlobOfItsOwn_WholeAndReadable()
    {
        var text = "Consortium name: Fenland Health Consortium\n" + new string('x', 100_000);
        var receipt = await _app.ReceiveAsync(new InboundParsePost { Text = text });

        var email = await _app.InboundAsync(receipt["id"]!.GetValue<string>());
        var parts = email["parts"]!.AsArray();
        var textPart = parts.Single(p => p!["field"]!.GetValue<string>() == "text")!;
        var subject = parts.Single(p => p!["field"]!.GetValue<string>() == "subject")!;
        Assert.NotEqual(subject["blob"]!.GetValue<string>(), textPart["blob"]!.GetValue<string>());
        var archive = _app.Services.GetRequiredService<Pathfinder.Functions.Intake.Inbound.InboundArchive>();
        Assert.Equal(
            text,
            System.Text.Encoding.UTF8.GetString(
                await archive.ReadAsync(textPart["blob"]!.GetValue<string>(), CancellationToken.None)
            )
        );
        Assert.DoesNotContain("text", (await ArchivedFieldsAsync(archive, subject["blob"]!.GetValue<string>())).Keys);
    }

    private static async Task<Dictionary<string, string>> ArchivedFieldsAsync(
        Pathfinder.Functions.Intake.Inbound.InboundArchive archive,
        string blob
    )
    {
        var bytes = await archive.ReadAsync(blob, CancellationToken.None);
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader("xYzZY", new MemoryStream(bytes));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var name = Microsoft
                .Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition)
                .Name.ToString()
                .Trim('"');
            fields[name] = await new StreamReader(section.Body).ReadToEndAsync();
        }
        return fields;
    }

    [Theory]
    [InlineData("fail", "{@fenland.example.nhs.uk : pass}", "0.3", "SPF")]
    [InlineData("softfail", "{@fenland.example.nhs.uk : pass}", "0.3", "SPF")]
    [InlineData("pass", "{@fenland.example.nhs.uk : fail}", "0.3", "DKIM")]
    [InlineData("pass", "{@fenland.example.nhs.uk : pass}", "7.4", "spam score")]
    public async Task FailedSenderChecks_Quarantined_NeitherStartedNorAnswered(
        string spf,
        string dkim,
        string spam,
        string reason
    )
    {
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost
            {
                Spf = spf,
                Dkim = dkim,
                SpamScore = spam,
                Text = "Consortium name: Fenland Health Consortium",
            }
        );

        Assert.Equal("quarantined", receipt.Status());
        var quarantined = await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound?status=quarantined");
        var listed = Assert.Single(quarantined!)!;
        Assert.Contains(listed["problems"]!.AsArray(), p =>
            p!.GetValue<string>().Contains(reason, StringComparison.Ordinal)
        );
        // Kept as a fixed wait on purpose: it checks that something does not happen, which no condition can await.
        // A wrongly sent reply would be written within a second, as every reply in these tests is.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(_app.Mail());
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!);
    }

    [Fact]
    public async Task Quarantined_Discarded_ThenNeitherReleasedNorDiscardedAgain()
    {
        var receipt = await _app.ReceiveAsync(new InboundParsePost { Spf = "fail", Text = "hello" });
        var id = receipt["id"]!.GetValue<string>();
        var national = _app.National();

        var discarded = await national.PostAsync($"/api/inbound/{id}/discard", null);
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        var email = await _app.InboundAsync(id);
        Assert.Equal("discarded", email.Status());
        Assert.Equal("National Team", email["decidedBy"]!.GetValue<string>());

        Assert.Equal(
            HttpStatusCode.Conflict,
            (await national.PostAsync($"/api/inbound/{id}/release", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await national.PostAsync($"/api/inbound/{id}/discard", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await national.PostAsync("/api/inbound/20101101090000000-0000000000/release", null)).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await national.GetAsync("/api/inbound/no-such-email-here")).StatusCode);
        // Kept as a fixed wait on purpose: it checks that something does not happen, which no condition can await.
        // A wrongly sent reply would be written within a second, as every reply in these tests is.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(_app.Mail());
    }

    [Fact]
    public async Task NationalApi_RefusesReviewersAndAnonymousCallers()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Reviewer("Q35").GetAsync("/api/inbound")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/api/inbound")).StatusCode);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await _app.National().GetAsync("/api/inbound?status=lost")).StatusCode
        );
    }

    [Fact]
    public async Task HtmlOnlyEmail_RepliedToAsking_ForTextOrAnAttachment_HtmlNeverUsed()
    {
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost
            {
                Html =
                    "<p>Consortium name: Fenland</p><script>alert('owned')</script><img "
                    + "src=\"https://tracker.example/p.gif\">",
            }
        );

        Assert.Equal("rejected", receipt.Status());
        var reply = Assert.Single(_app.MailTo(SenderAddress));
        Assert.Contains("HTML", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", reply.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker.example", reply.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Consortium name: Fenland", reply.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableAttachmentOnly_ReplySaysItWasKeptButNotOpened()
    {
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost { Attachments = [("expression of interest.pdf", "application/pdf", new byte[2048])] }
        );

        Assert.Equal("rejected", receipt.Status());
        var reply = Assert.Single(_app.MailTo(SenderAddress));
        Assert.Contains(
            "\"expression of interest.pdf\" was kept but not opened",
            reply.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains("/api/forms/expression-of-interest.docx", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains(InboundParsePost.Q35Address, reply.TextBody, StringComparison.Ordinal);
    }

    private const string SenderAddress = InboundParsePost.SenderAddress;
}
