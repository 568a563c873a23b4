using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Testing;
using CapturedLogs = Pathfinder.Functions.Tests.Notifications.CapturedLogs;

namespace Pathfinder.Functions.Tests.Pages.SignIn;

/// <summary>
/// One deployment with two hosts on the same tables, task hub and key ring: <see cref="On"/>, where App Service
/// Authentication is on (the platform vouches for the principal header), and <see cref="Off"/>, where it is off (so
/// the header is whatever the caller wrote). On it: applications under review and approved, a scheduled wave and two
/// quarantined emails, each left waiting, so that any change a form could make shows in storage.
/// </summary>
public sealed class ForgedPrincipalFixture : IAsyncLifetime, IDisposable
{
    public const string Sha = "Q35";

    /// <summary>Signs the bounce of one acknowledgement, so the send-again form has something to mend.</summary>
    private readonly EventWebhookSigner _signer = new();

    public ForgedPrincipalFixture() =>
        On = PathfinderApp.With(("SendGrid:EventWebhook:VerificationKey", _signer.VerificationKey));

    public CapturedLogs OnLogs { get; } = new();

    public CapturedLogs OffLogs { get; } = new();

    public PathfinderApp On { get; }

    public PathfinderApp Off { get; private set; } = null!;

    public string UnderReview { get; private set; } = "";

    public string ToWithdraw { get; private set; } = "";

    public string Approved { get; private set; } = "";

    public int ScheduledWave { get; private set; }

    public string ToRelease { get; private set; } = "";

    public string ToDiscard { get; private set; } = "";

    /// <summary>The outbox step of <see cref="UnderReview"/>'s acknowledgement, reported bounced.</summary>
    public string BouncedStep { get; private set; } = "";

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        On.Configure = b => b.Logging.AddProvider(OnLogs);
        var intake = On.Intake();
        UnderReview = await intake.SubmitAsync(Forms.Valid(Sha));
        ToWithdraw = await intake.SubmitAsync(Forms.Valid(Sha));
        Approved = await intake.SubmitAsync(Forms.Valid(Sha));
        await On.Reviewer(Sha).ApproveAsync(Approved);
        ScheduledWave = (
            await On.National().ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(20))
        )["number"]!.GetValue<int>();
        ToRelease = await QuarantineAsync("release");
        ToDiscard = await QuarantineAsync("discard");
        await WaitingAsync(UnderReview, "underReview");
        await WaitingAsync(ToWithdraw, "underReview");
        await WaitingAsync(Approved, "approved");
        await WaitingAsync(Functions.Waves.WaveOrchestrator.InstanceId(ScheduledWave), "scheduled");
        BouncedStep = await BounceAcknowledgementAsync(UnderReview);

        // Started after the first host has made the key ring's key, so both read and write the same antiforgery tokens.
        Off = PathfinderApp.Beside(On, (TestTokens.PlatformAuthenticationSetting, "false"));
        Off.Configure = b => b.Logging.AddProvider(OffLogs);
        _ = Off.App;
    }

    public Task DisposeAsync()
    {
        Off?.Dispose();
        On.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _signer.Dispose();

    /// <summary>A browser sending this principal header as App Service Authentication would; it follows no
    /// redirect.</summary>
    public static HttpClient Browser(string principal, CookieContainer cookies)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
        };
        var browser = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        TestTokens.AddEasyAuthHeaders(browser.DefaultRequestHeaders, principal);
        return browser;
    }

    /// <summary>The form fields a person would send on each page form, good enough to be accepted.</summary>
    public static (string Name, string Value)[] Fields(string form) =>
        form switch
        {
            "DecideOnPage" =>
            [
                ("criteria.gpLeadership.demonstrated", "true"),
                ("criteria.localAuthorityEngagement.demonstrated", "true"),
                ("criteria.qippContribution.demonstrated", "true"),
                ("outcome", "approved"),
            ],
            "WithdrawOnPage" => [("reason", "The consortium is merging with its neighbour.")],
            "AgreeGoLiveOnPage" => Date("date", Today.AddDays(60)),
            "ScheduleWaveOnPage" => [.. Date("announceAt", Today.AddDays(43)), .. Date("cutoff", Today.AddDays(39))],
            // The example partners the tests load (Partners:LoadExamples), each form on a partner of its own.
            "AddPartnerOnPage" =>
            [
                ("kind", "nationalBody"),
                ("name", "Forged Test Body"),
                ("addresses", "forged@body.example.org"),
            ],
            "ChangePartnerOnPage" =>
            [
                ("name", "National Association of Primary Care"),
                ("addresses", "new@napc.example.co.uk"),
                ("version", "1"),
            ],
            "RemovePartnerOnPage" => [("version", "1")],
            "TestPartnerOnPage" => [("press", "forged-header-test")],
            "ResendNotificationOnPage" =>
            [
                ("to", "corrected.lead@fenland.example.nhs.uk"),
                ("press", "forged-header-test"),
            ],
            "TerminateWorkflowOnPage" => [("reason", "Stopped by a forged header")],
            _ => [],
        };

    /// <summary>Where each page form posts, on the resources made here.</summary>
    public IReadOnlyDictionary<string, string> FormActions =>
        new Dictionary<string, string>
        {
            ["DecideOnPage"] = $"/review/{UnderReview}/decision",
            ["WithdrawOnPage"] = $"/review/{ToWithdraw}/withdrawal",
            ["AgreeGoLiveOnPage"] = $"/review/{Approved}/go-live",
            ["ScheduleWaveOnPage"] = "/national/waves",
            ["AnnounceWaveOnPage"] = $"/national/waves/{ScheduledWave}/announce",
            ["ReleaseInboundEmailOnPage"] = $"/national/inbound/{ToRelease}/release",
            ["DiscardInboundEmailOnPage"] = $"/national/inbound/{ToDiscard}/discard",
            ["AddPartnerOnPage"] = "/national/partners/new",
            ["ChangePartnerOnPage"] = "/national/partners/napc",
            ["RemovePartnerOnPage"] = "/national/partners/fda/remove",
            ["TestPartnerOnPage"] = "/national/partners/nhs-alliance/test-message",
            ["ResendNotificationOnPage"] = $"/national/notifications/{UnderReview}/{BouncedStep}/resend",
            ["RestartWorkflowOnPage"] = $"/national/workflows/{UnderReview}/restart",
            ["TerminateWorkflowOnPage"] = $"/national/workflows/{UnderReview}/terminate",
        };

    /// <summary>Every staff page, by function name, on the resources made here.</summary>
    public IReadOnlyDictionary<string, string> StaffPages =>
        new Dictionary<string, string>
        {
            ["ReviewListPage"] = "/review",
            ["ApplicationPage"] = $"/review/{UnderReview}",
            ["WavesPage"] = "/national/waves",
            ["AnnounceWavePage"] = $"/national/waves/{ScheduledWave}/announce",
            ["InboundEmailsPage"] = "/national/inbound",
            ["InboundEmailPage"] = $"/national/inbound/{ToRelease}",
            ["FailedNotificationsPage"] = "/national/notifications",
            ["ResendNotificationPage"] = $"/national/notifications/{UnderReview}/{BouncedStep}/resend",
            ["ReportsPage"] = "/national/reports",
            ["ReportCsv"] = "/national/reports/pipeline/csv",
            ["ReviewListCsv"] = "/review/export/csv",
            ["WorkflowsPage"] = "/national/workflows",
            ["PartnersPage"] = "/national/partners",
            ["NewPartnerPage"] = "/national/partners/new",
            ["PartnerPage"] = "/national/partners/rcgp",
        };

    /// <summary>
    /// Everything the deployment holds that a form could change: every row of its tables (the application records,
    /// waves, inbound emails, outbox, and the task hub's instances and histories, but not its leases) by ETag, and the
    /// number of messages in each of the task hub's queues (an event raised for an instance waits there until the
    /// instance takes it).
    /// </summary>
    public async Task<IReadOnlyList<string>> StorageAsync()
    {
        var state = new List<string>();
        var tables = new TableServiceClient(Azurite.Shared.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            // The task hub's Partitions table holds the hosts' leases, renewed every few seconds whatever happens.
            if (
                !table.Name.StartsWith(On.StoragePrefix, StringComparison.Ordinal)
                || table.Name.EndsWith("HubPartitions", StringComparison.Ordinal)
            )
            {
                continue;
            }
            var rows = tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]);
            await foreach (var row in rows)
            {
                state.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey} {row.ETag}");
            }
        }
        var queues = new QueueServiceClient(Azurite.Shared.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: On.StoragePrefix.ToLowerInvariant()))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            state.Add($"queue {queue.Name} {properties.Value.ApproximateMessagesCount}");
        }
        return [.. state.Order(StringComparer.Ordinal)];
    }

    private static (string, string)[] Date(string field, DateOnly date) =>
        [
            ($"{field}-day", date.Day.ToString(CultureInfo.InvariantCulture)),
            ($"{field}-month", date.Month.ToString(CultureInfo.InvariantCulture)),
            ($"{field}-year", date.Year.ToString(CultureInfo.InvariantCulture)),
        ];

    /// <summary>Reports the application's acknowledgement bounced, as SendGrid would; returns its outbox
    /// step.</summary>
    private async Task<string> BounceAcknowledgementAsync(string id)
    {
        var sent = await Pages.National.Notices.WaitForAsync(On, id, n =>
            n["status"]!.GetValue<string>() == "sent"
            && n["categories"]!.AsArray().Any(c => c!.GetValue<string>() == "Acknowledgement")
        );
        var step = sent["step"]!.GetValue<string>();
        using var client = On.CreateClient();
        using var posted = await client.SendAsync(
            _signer.PostEvent(
                new Uri("/api/notifications/events", UriKind.Relative),
                sent["recipients"]![0]!.GetValue<string>(),
                "bounce",
                "550 5.1.1 No such user",
                id,
                step
            )
        );
        posted.EnsureSuccessStatusCode();
        await Pages.National.Notices.WaitForAsync(On, id, n =>
            n["step"]!.GetValue<string>() == step && n["delivery"]?["report"]?["state"]?.GetValue<string>() == "bounce"
        );
        return step;
    }

    private async Task<string> QuarantineAsync(string subject)
    {
        var receipt = await On.ReceiveAsync(
            new InboundParsePost
            {
                Spf = "fail",
                Subject = subject,
                Text = "hello",
            }
        );
        Assert.Equal("quarantined", receipt.Status());
        return receipt["id"]!.GetValue<string>();
    }

    /// <summary>Waits (at most 30 s) until the instance has done its work and waits at this stage, changing
    /// nothing.</summary>
    private async Task WaitingAsync(string instanceId, string stage)
    {
        var client = On.Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (
            await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true)
                is not { RuntimeStatus: OrchestrationRuntimeStatus.Running } instance
            || instance.SerializedCustomStatus?.Contains($"\"{stage}\"", StringComparison.Ordinal) != true
        )
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{instanceId} was not waiting at {stage} within 30 s.");
            await Task.Delay(100);
        }
    }
}
