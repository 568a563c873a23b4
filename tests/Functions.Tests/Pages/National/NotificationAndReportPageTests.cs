using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>/national/notifications (failed outbox entries) and /national/reports (charts beside tables).</summary>
public sealed class NotificationAndReportPageTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FailedNotifications_AreListedWithTheirLastError()
    {
        var outbox = _app.Services.GetRequiredService<Outbox>();
        await outbox.EnqueueAsync(
            "Q35-TEST-0001",
            "acknowledgement",
            new EmailMessage(
                [new EmailAddress("lead@fenland.example.nhs.uk", "Lead")],
                "Your <b>application</b>",
                "Text",
                "<p>Text</p>"
            ),
            CancellationToken.None
        );
        // Five failed attempts take hours of backoff; the row is marked failed as the dispatcher would leave it.
        await _app
            .Services.GetRequiredService<ProgrammeTables>()
            .Client("Outbox")
            .UpdateEntityAsync(
                new TableEntity("Q35-TEST-0001", "acknowledgement")
                {
                    ["Status"] = nameof(OutboxStatus.Failed),
                    ["Attempts"] = Outbox.MaxAttempts,
                    ["LastError"] = "550 <mailbox> unavailable",
                },
                ETag.All,
                TableUpdateMode.Merge
            );

        var html = await PageClients.ForNational(_app).PageAsync("/national/notifications");

        Assert.Contains("1 failed notification", html, StringComparison.Ordinal);
        Assert.Contains("Your &lt;b&gt;application&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("lead@fenland.example.nhs.uk", html, StringComparison.Ordinal);
        Assert.Contains("550 &lt;mailbox&gt; unavailable", html, StringComparison.Ordinal);
        Assert.Contains(">5<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_AreChartsBesideTablesOfTheSameFigures()
    {
        await _app.Intake().SubmitAsync(Forms.Valid("Q35"));

        var html = await PageClients.ForNational(_app).PageAsync("/national/reports");

        Assert.Contains(
            "<svg class=\"app-chart\" role=\"img\" aria-labelledby=\"coverage-chart-title coverage-chart-desc\"",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("<title id=\"coverage-chart-title\">", html, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"support-needs-chart-desc\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"app-chart__bar\"", html, StringComparison.Ordinal);
        Assert.Contains("East of England", html, StringComparison.Ordinal);
        Assert.Contains("Support asked for, in England (1 application)", html, StringComparison.Ordinal);
        Assert.Contains("Coverage by SHA", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }
}
