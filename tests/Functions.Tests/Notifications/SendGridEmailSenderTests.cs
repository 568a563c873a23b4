using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

public sealed class SendGridEmailSenderTests
{
    [Fact]
    public async Task Send_PostsSendGridShapedJsonThroughTheSdk_WithBearerKeyAndJsonContentType()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        var request = Assert.Single(env.Server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {SendGridTestEnvironment.ApiKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("sendgrid/9.29.3", request.UserAgent, StringComparison.Ordinal);
        var expected = JsonNode.Parse(
            """
            {
              "personalizations": [{
                "to": [{ "email": "lead.gp@d81001.nhs.uk", "name": "Dr Anna Lead" }],
                "custom_args": { "idempotency_key": "eoi-2010-0042/acknowledge" }
              }],
              "from": { "email": "pathfinders@onboarding.example.nhs.uk", "name": "GP Pathfinder Programme" },
              "subject": "Expression of interest received: Cambridge Association to Commission Health",
              "content": [
                { "type": "text/plain", "value": "East of England SHA will consider it within four weeks." },
                { "type": "text/html", "value": "<p>East of England SHA will consider it within four weeks.</p>" }
              ],
              "categories": ["acknowledgement"]
            }
            """
        );
        Assert.True(JsonNode.DeepEquals(expected, request.Json), request.Body);
    }

    [Fact]
    public async Task Send_Accepted_ReturnsSendGridMessageId()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.Equal(new EmailSendResult(true, env.Server.Received.Single().AnsweredMessageId, null), result);
        Assert.NotNull(result.ProviderMessageId);
    }

    [Fact]
    public async Task Send_WithoutIdempotencyKeyOrCategories_LeavesThoseFieldsOut()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var message = EmailSendingServices.Acknowledgement(idempotencyKey: null) with { Categories = [] };

        await env.Sender.SendAsync(message, CancellationToken.None);

        var body = env.Server.Received.Single().Json.AsObject();
        Assert.False(body["personalizations"]![0]!.AsObject().ContainsKey("custom_args"));
        Assert.False(body.ContainsKey("categories"));
    }

    [Fact]
    public async Task Send_SameAddressTwice_SendsOneCopy()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var message = new EmailMessage(
            [new EmailAddress("lmc@cambs-lmc.example.org"), new EmailAddress("LMC@cambs-lmc.example.org", "LMC")],
            "Wave 1 announced",
            "Text",
            "<p>Html</p>"
        );

        var result = await env.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        var to = env.Server.Received.Single().Json["personalizations"]![0]!["to"]!.AsArray();
        Assert.Equal("lmc@cambs-lmc.example.org", Assert.Single(to)!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_RateLimited_WaitsUntilResetThenSends()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var resetAt = env.Clock.GetUtcNow().AddSeconds(42);
        env.Server.ReplyNext(ScriptedReply.TooManyRequests(resetAt));

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        Assert.Equal([429, 202], env.Server.Received.Select(r => r.AnsweredStatus));
        Assert.Equal([TimeSpan.FromSeconds(42)], env.Clock.Waits);
        Assert.True(env.Server.Received[1].ReceivedAt >= resetAt);
    }

    [Fact]
    public async Task Send_RateLimitResetFarAhead_WaitsAMinuteAtMost()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        env.Server.ReplyNext(ScriptedReply.TooManyRequests(env.Clock.GetUtcNow().AddHours(1)));

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        Assert.Equal([TimeSpan.FromSeconds(60)], env.Clock.Waits);
    }

    [Fact]
    public async Task Send_RateLimitedWithoutReset_BacksOffThenSends()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        var withoutReset = ScriptedReply.TooManyRequests(env.Clock.GetUtcNow());
        env.Server.ReplyNext(withoutReset with { Headers = new Dictionary<string, string>() });

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        Assert.Equal([429, 202], env.Server.Received.Select(r => r.AnsweredStatus));
        var wait = Assert.Single(env.Clock.Waits);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Send_TwoServerErrors_SendsOnThirdAttempt()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        env.Server.ReplyNext(ScriptedReply.ServerError(HttpStatusCode.InternalServerError), times: 2);

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        Assert.Equal(env.Server.Received[2].AnsweredMessageId, result.ProviderMessageId);
        Assert.Equal([500, 500, 202], env.Server.Received.Select(r => r.AnsweredStatus));
        Assert.Equal(2, env.Clock.Waits.Count);
        Assert.All(env.Clock.Waits, wait => Assert.True(wait > TimeSpan.Zero));
        // Every attempt carries the same message, so a retry can never change what the applicant receives.
        Assert.Single(env.Server.Received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Send_ServiceUnavailableOnEveryAttempt_FailsWithReasonAfterFourAttempts()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        env.Server.ReplyNext(ScriptedReply.ServerError(HttpStatusCode.ServiceUnavailable), times: 4);

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Null(result.ProviderMessageId);
        Assert.Equal(4, env.Server.Received.Count);
        Assert.Contains("503", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadRequest_IsNotRetriedAndCarriesSendGridsMessage()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        env.Server.ReplyNext(
            ScriptedReply.BadRequest("The from address does not match a verified Sender Identity.", "from")
        );

        var result = await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Single(env.Server.Received);
        Assert.Empty(env.Clock.Waits);
        Assert.Contains(
            "The from address does not match a verified Sender Identity. (field: from)",
            result.FailureReason,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Send_ToTheDepartmentOfHealthByName_IsAcceptedWithTheCommaReworded()
    {
        const string Programme = "GP consortia pathfinder programme, Department of Health";
        await using var env = await SendGridTestEnvironment.StartAsync(
            new Dictionary<string, string?> { ["SendGrid:FromName"] = Programme }
        );
        var digest = new EmailMessage(
            [
                new EmailAddress("pathfinders@dh.example.gov.uk", Programme),
                new EmailAddress("lmc@example.org", "LMC; Q35"),
            ],
            "National digest: wave 2",
            "Text",
            "<p>Html</p>"
        );

        var result = await env.Sender.SendAsync(digest, CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        var request = Assert.Single(env.Server.Received);
        Assert.Equal(202, request.AnsweredStatus);
        Assert.Equal(
            "GP consortia pathfinder programme - Department of Health",
            request.Json["from"]!["name"]!.GetValue<string>()
        );
        var to = request.Json["personalizations"]![0]!["to"]!.AsArray().Select(a => a!["name"]!.GetValue<string>());
        Assert.Equal(["GP consortia pathfinder programme - Department of Health", "LMC - Q35"], to);
    }

    [Fact]
    public async Task Send_LineBreaksInNamesAndSubject_BecomeSpaces()
    {
        await using var env = await SendGridTestEnvironment.StartAsync(
            new Dictionary<string, string?> { ["SendGrid:FromName"] = "GP Pathfinder\r\nProgramme" }
        );
        var message = new EmailMessage(
            [new EmailAddress("lead.gp@d81001.nhs.uk", "Dr Anna\nLead")],
            "Expression of interest received\r\nBcc: someone@example.org",
            "Text",
            "<p>Html</p>"
        );

        var result = await env.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        var json = env.Server.Received.Single().Json;
        Assert.Equal("Expression of interest received Bcc: someone@example.org", json["subject"]!.GetValue<string>());
        Assert.Equal("Dr Anna Lead", json["personalizations"]![0]!["to"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("GP Pathfinder Programme", json["from"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_NeverWritesTheApiKeyToTheLogs()
    {
        await using var env = await SendGridTestEnvironment.StartAsync();

        env.Server.ReplyNext(ScriptedReply.TooManyRequests(env.Clock.GetUtcNow().AddSeconds(5)));
        await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);
        env.Server.ReplyNext(ScriptedReply.ServerError(HttpStatusCode.BadGateway));
        await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);
        env.Server.ReplyNext(ScriptedReply.BadRequest("Invalid request", null));
        await env.Sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.NotEmpty(env.Logs.Lines);
        Assert.DoesNotContain(env.Logs.Lines, line => line.Contains("do-not-log-me", StringComparison.Ordinal));
    }
}
