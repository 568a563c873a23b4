using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Logging;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Functions.Tests.Notifications;
using Pathfinder.Testing;
using CapturedLogs = Pathfinder.Functions.Tests.Notifications.CapturedLogs;

namespace Pathfinder.Functions.Tests.Hosting;

/// <summary>
/// A working session with every log category at Trace, as an operator chasing a problem would set it: submissions
/// with the intake key in the header and in <c>?code=</c>, decisions and reads with bearer tokens, refused tokens,
/// an inbound email, and mail sent through SendGrid (one attempt failing). No secret may reach any log line.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string SendGridKey = "SG.secrets-in-logs-test.0123456789abcdef";

    [Fact]
    public async Task Session_AtTraceLevel_LogsNoKeyAndNoBearerToken()
    {
        using var logs = new CapturedLogs();
        await using var sendGrid = await FakeSendGridServer.StartAsync(SendGridKey, TimeProvider.System);
        sendGrid.ReplyNext(ScriptedReply.ServerError(HttpStatusCode.ServiceUnavailable));
        using var app = PathfinderApp.With(
            ("SendGrid:ApiKey", SendGridKey),
            ("SendGrid:BaseUrl", sendGrid.BaseUrl.AbsoluteUri),
            // Everything, including what appsettings.json and the test host keep at Warning.
            ("Logging:LogLevel:Default", "Trace"),
            ("Logging:LogLevel:Microsoft", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"),
            ("Logging:LogLevel:System.Net.Http", "Trace"),
            ("Logging:LogLevel:Azure", "Trace"),
            ("Logging:LogLevel:DurableTask.AzureStorage", "Trace"),
            ("Logging:LogLevel:DurableTask.Core", "Trace"),
            ("Logging:LogLevel:Microsoft.DurableTask", "Trace"),
            ("Logging:LogLevel:Grpc", "Trace")
        );
        app.Configure = builder =>
        {
            // Only the capture: the console at Trace would flood the test output.
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        };
        var tokens = new List<string>();
        HttpClient Signed(HttpClient client)
        {
            tokens.Add(client.DefaultRequestHeaders.Authorization!.Parameter!);
            return client;
        }

        // Submitted with the key in the header, and with the key in the query as SendGrid sends it.
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q35"));
        using (
            var byQuery = await app.CreateClient()
                .PostAsJsonAsync($"/api/applications?code={PathfinderApp.IntakeKey}", Forms.Valid("Q35"))
        )
        {
            Assert.Equal(HttpStatusCode.Accepted, byQuery.StatusCode);
        }
        var wrongKey = PathfinderApp.IntakeKey + "-mistyped";
        using (
            var refused = await app.CreateClient()
                .PostAsJsonAsync($"/api/applications?code={wrongKey}", Forms.Valid("Q35"))
        )
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        var email = await app.ReceiveAsync(new InboundParsePost { Text = SampleForms.Text("Secrets Test Consortium") });
        Assert.Equal("started", email.Status());

        // Staff with good tokens, and tokens the app refuses (their failures are logged).
        await Signed(app.Reviewer("Q35")).ApproveAsync(first);
        var national = Signed(app.National());
        using (await national.GetAsync(new Uri("/api/inbound", UriKind.Relative)))
        using (await national.GetAsync(new Uri("/api/notifications", UriKind.Relative))) { }
        Claim[] reviewer = [new("role", Security.ReviewerRole), new(Security.ShaClaim, "Q35")];
        foreach (
            var token in new[]
            {
                TestTokens.Token("Dr Late", reviewer, expires: DateTime.UtcNow.AddHours(-1)),
                TestTokens.Token(
                    "Dr Forger",
                    reviewer,
                    signingKey: Encoding.UTF8.GetBytes("a forger's key, 32 bytes or more long")
                ),
                TestTokens.Token("Dr Elsewhere", reviewer, audience: "another-app"),
            }
        )
        {
            using var refused = await Signed(TestTokens.Bearer(app.BaseAddress, token))
                .GetAsync(new Uri($"/api/applications/{first}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Mail went out through SendGrid (after one refused attempt) with the key.
        await Eventually.UntilAsync("three emails sent", TimeSpan.FromSeconds(60), () =>
            sendGrid.Received.Count(r => r.AnsweredStatus == 202) >= 3
        );
        Assert.Contains(sendGrid.Received, r => r.AnsweredStatus == 503);
        Assert.All(sendGrid.Received, r => Assert.Equal("Bearer " + SendGridKey, r.Authorization));

        var lines = logs.Lines;
        // The capture saw the verbose categories where a secret would show: requests, bearer failures, SendGrid calls.
        Assert.Contains(lines, l => l.Contains("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        var secrets = new Dictionary<string, string>
        {
            ["the SendGrid key"] = SendGridKey,
            ["the intake key"] = PathfinderApp.IntakeKey,
            ["a mistyped intake key"] = wrongKey,
        };
        foreach (var (token, i) in tokens.Select((t, i) => (t, i)))
        {
            secrets[$"bearer token {i + 1}"] = token;
            secrets[$"bearer token {i + 1}'s signature"] = token.Split('.')[2];
        }
        var leaks = secrets
            .SelectMany(s =>
                lines.Where(l => l.Contains(s.Value, StringComparison.Ordinal)).Select(l => $"{s.Key} in: {l}")
            )
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(10)));
    }
}
