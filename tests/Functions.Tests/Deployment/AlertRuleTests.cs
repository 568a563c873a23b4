using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Delivery;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// The alert rules in infra/modules/alerts.bicep find what the app really logs: a bounce posted to the Event Webhook,
/// and refused Event Webhook and Inbound Parse posts, write lines the rules' queries match.
/// </summary>
public sealed partial class AlertRuleTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly EventWebhookSigner _signer = new();
    private readonly PathfinderApp _app;

    public AlertRuleTests()
    {
        _app = PathfinderApp.With(("SendGrid:EventWebhook:VerificationKey", _signer.VerificationKey));
        _app.Configure = b => b.Logging.AddProvider(_logs);
    }

    public void Dispose()
    {
        _app.Dispose();
        _signer.Dispose();
    }

    [Fact]
    public async Task UndeliveredAndRefusedPosts_WriteTheLinesTheAlertRulesCount()
    {
        var instance = "PF-AL" + Guid.NewGuid().ToString("N")[..8];
        await _app
            .Services.GetRequiredService<Outbox>()
            .EnqueueAsync(
                instance,
                "Acknowledgement",
                new EmailMessage(
                    [new EmailAddress("lead.gp@practice.example")],
                    "Your application",
                    "Text",
                    "<p>Html</p>"
                ),
                CancellationToken.None
            );
        using var client = _app.CreateClient();
        var bounce =
            "["
            + JsonSerializer.Serialize(
                new Dictionary<string, object?>
                {
                    ["email"] = "lead.gp@practice.example",
                    ["timestamp"] = 1_700_000_000,
                    ["event"] = "bounce",
                    ["sg_event_id"] = Guid.NewGuid().ToString("N"),
                    ["reason"] = "550 5.1.1 no such mailbox",
                    [OutboxKey.InstanceArg] = instance,
                    [OutboxKey.StepArg] = "Acknowledgement",
                }
            )
            + "]";

        var events = new Uri("/api/notifications/events", UriKind.Relative);
        using (var applied = await client.SendAsync(_signer.Post(events, bounce)))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        }
        using (var unsigned = await client.SendAsync(_signer.Post(events, bounce, sign: false)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }
        using (
            var notMultipart = await client.PostAsJsonAsync(EmailIntakeFixture.Webhook, new { from = "a@b.example" })
        )
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        }

        var undelivered = Matching("undelivered-notifications");
        var refused = Matching("refused-webhook-posts");
        Assert.Single(undelivered);
        Assert.Contains(instance, undelivered[0], StringComparison.Ordinal);
        Assert.Contains("Bounce", undelivered[0], StringComparison.Ordinal);
        Assert.Equal(2, refused.Count);
        Assert.Contains(refused, l => l.Contains("Event Webhook", StringComparison.Ordinal));
        Assert.Contains(refused, l => l.Contains("Inbound Parse", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryRule_EmailsTheOperatorsActionGroup_AndFailedOrchestrationsReadTheDurableTracking()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", "modules", "alerts.bicep"));

        Assert.Equal(
            ["failed-orchestrations", "undelivered-notifications", "workflows-out-of-step", "refused-webhook-posts"],
            RuleNames().Matches(bicep).Select(m => m.Groups[1].Value)
        );
        Assert.Contains("actionGroups: [operators.id]", bicep, StringComparison.Ordinal);
        Assert.Contains("emailAddress: alertEmail", bicep, StringComparison.Ordinal);
        Assert.Contains(
            "customDimensions.prop__state) == \"Failed\"",
            Query(bicep, "failed-orchestrations"),
            StringComparison.Ordinal
        );
    }

    /// <summary>The captured lines a rule's query counts: all <c>message startswith/has "..."</c> of one
    /// or-group.</summary>
    private List<string> Matching(string rule)
    {
        var query = Query(
            File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", "modules", "alerts.bicep")),
            rule
        );
        var alternatives = query[(query.IndexOf("| where", StringComparison.Ordinal) + 7)..].Split(" or ");
        return
        [
            .. _logs.Lines.Where(line =>
                alternatives.Any(alternative =>
                    MessageTests()
                        .Matches(alternative)
                        .All(t =>
                            t.Groups[1].Value == "startswith"
                                ? line.StartsWith(t.Groups[2].Value, StringComparison.Ordinal)
                                : line.Contains(t.Groups[2].Value, StringComparison.Ordinal)
                        )
                )
            ),
        ];
    }

    private static string Query(string bicep, string rule)
    {
        var at = bicep.IndexOf($"name: '{rule}'", StringComparison.Ordinal);
        Assert.True(at >= 0, $"alerts.bicep has no rule {rule}");
        var query = QueryLine().Match(bicep, at);
        return query.Groups[1].Value;
    }

    [GeneratedRegex(@"name: '([a-z-]+)'\s*\n\s*displayName:")]
    private static partial Regex RuleNames();

    [GeneratedRegex(@"query: '(.*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex QueryLine();

    [GeneratedRegex("message (startswith|has) \"([^\"]+)\"")]
    private static partial Regex MessageTests();
}
