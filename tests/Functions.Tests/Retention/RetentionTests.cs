using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Reports;
using Pathfinder.Functions.Retention;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Retention;

/// <summary>
/// The retention sweep on the real Durable backend and storage (Azurite), with periods of hours and the sweep's clock
/// moved on by hours, so what is due and what is not is decided by the settings and not by how fast the machine is.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly RetentionOptions Short = new()
    {
        HistoryAfter = TimeSpan.FromHours(1),
        EndedApplicationsAfter = TimeSpan.FromHours(1),
        LiveApplicationsAfter = TimeSpan.FromDays(30),
        InboundEmailsAfter = TimeSpan.FromHours(3),
        BatchSize = 50,
    };

    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sweep_PurgesEndedHistory_AnonymisesEndedApplications_DeletesOldEmails_KeepsWhatIsNotDue()
    {
        var withdrawn = await _app.Intake().SubmitAsync(Forms.Valid("Q36"));
        var underReview = await _app.Intake().SubmitAsync(Forms.Valid("Q36"));
        var reviewer = _app.Reviewer("Q36");
        (await reviewer.WithdrawAsync(withdrawn, "the practices will apply next year")).Dispose();
        await reviewer.WaitForStatusAsync(withdrawn, "withdrawn");
        var durable = _app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{withdrawn}'s orchestration to complete",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(withdrawn),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            i => i?.RuntimeStatus.ToString() ?? "no instance"
        );
        var receipt = await _app.ReceiveAsync(new InboundParsePost { Text = "Lead GP: Dr Jane Example, 01632 960000" });
        var emailId = receipt["id"]!.GetValue<string>();
        var emails = _app.Services.GetRequiredService<InboundEmails>();
        var archived = (await emails.GetAsync(emailId, CancellationToken.None))!;
        var reports = _app.Services.GetRequiredService<ProgrammeReports>();
        var repository = _app.Services.GetRequiredService<ApplicationRepository>();
        var before = (await repository.GetAsync(withdrawn, CancellationToken.None))!;
        var (timelineBefore, leadEmail) = (before.Timeline, before.LeadGpEmail);
        // Only messages no longer to be sent lose their recipients: wait until the withdrawal email has gone.
        var outbox = _app.Services.GetRequiredService<Pathfinder.Functions.Notifications.Outbox.Outbox>();
        await Eventually.UntilAsync(
            $"the withdrawal email about {withdrawn}",
            TimeSpan.FromSeconds(30),
            () => _app.KindsAbout(withdrawn),
            k => k.Contains("Withdrawn"),
            k => string.Join(", ", k)
        );
        await Eventually.UntilAsync(
            $"{withdrawn}'s emails to be sent",
            TimeSpan.FromSeconds(30),
            () => outbox.ListAsync(withdrawn, CancellationToken.None),
            l => l.Count > 0 && l.All(n => n.Status == Pathfinder.Functions.Notifications.Outbox.OutboxStatus.Sent),
            l => string.Join(", ", l.Select(n => $"{n.Step}={n.Status}"))
        );
        var figuresBefore = JsonSerializer.Serialize(await reports.SupportNeedsAsync(CancellationToken.None));

        // Two hours on: the withdrawal and the history are past their hour; the email is not past its three.
        var first = await SweepAt(TimeSpan.FromHours(2)).RunAsync(durable, CancellationToken.None);

        Assert.Null(await durable.GetInstanceAsync(withdrawn));
        Assert.NotNull(await durable.GetInstanceAsync(underReview));
        var gone = (await repository.GetAsync(withdrawn, CancellationToken.None))!;
        Assert.Equal(Pathfinder.Domain.ApplicationStatus.Withdrawn, gone.Status);
        Assert.Equal(RetentionSweep.Removed, gone.LeadGpName);
        Assert.Equal(RetentionSweep.Removed, gone.LeadGpEmail);
        Assert.Equal(RetentionSweep.Removed, gone.Form.LeadGp!.Phone);
        Assert.All(gone.Form.Practices!, p => Assert.Equal(RetentionSweep.Removed, p!.Name));
        Assert.Equal(timelineBefore.Count + 1, gone.Timeline.Count);
        Assert.Equal(timelineBefore.Select(t => t.At), gone.Timeline.Take(timelineBefore.Count).Select(t => t.At));
        Assert.Contains(timelineBefore, t => t.By == before.LeadGpName);
        Assert.DoesNotContain(gone.Timeline, t =>
            t.By.Contains(before.LeadGpName, StringComparison.Ordinal)
            || t.What.Contains(before.LeadGpName, StringComparison.Ordinal)
        );
        Assert.Equal(RetentionSweep.TimelineLine, gone.Timeline[^1].What);
        var notifications = await outbox.ListAsync(withdrawn, CancellationToken.None);
        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Equal(["removed@retention.invalid"], n.Recipients));
        var (_, message) = (await outbox.FindAsync(withdrawn, notifications[0].Step, CancellationToken.None))!.Value;
        Assert.DoesNotContain(leadEmail, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("retention policy", message.TextBody, StringComparison.Ordinal);
        Assert.All(await outbox.ListAsync(underReview, CancellationToken.None), n =>
            Assert.DoesNotContain("removed@retention.invalid", n.Recipients)
        );
        var kept = (await repository.GetAsync(underReview, CancellationToken.None))!;
        Assert.Null(kept.PersonalDataRemovedAt);
        Assert.NotEqual(RetentionSweep.Removed, kept.LeadGpEmail);
        Assert.Equal(figuresBefore, JsonSerializer.Serialize(await reports.SupportNeedsAsync(CancellationToken.None)));
        var archive = _app.Services.GetRequiredService<InboundArchive>();
        Assert.NotEmpty(await archive.ReadAsync(archived.Parts[0].Blob, CancellationToken.None));
        Assert.Equal(0, first.InboundEmailsDeleted);

        // Four hours on the email is past its period too; the withdrawn record is not anonymised a second time.
        var second = await SweepAt(TimeSpan.FromHours(4)).RunAsync(durable, CancellationToken.None);

        Assert.Equal(1, second.InboundEmailsDeleted);
        Assert.Equal(0, second.ApplicationsAnonymised);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() =>
            archive.ReadAsync(archived.Parts[0].Blob, CancellationToken.None)
        );
        var emailAfter = (await emails.GetAsync(emailId, CancellationToken.None))!;
        Assert.Empty(emailAfter.Parts);
        Assert.Null(emailAfter.Text);
        Assert.Contains(emailAfter.Notes, n => n.Contains("retention policy", StringComparison.Ordinal));
        Assert.Single((await repository.GetAsync(withdrawn, CancellationToken.None))!.Timeline, t =>
            t.What == RetentionSweep.TimelineLine
        );
        Assert.NotNull(await durable.GetInstanceAsync(underReview));
    }

    [Fact]
    public async Task NightlyTimer_RunsInTheLocalHost_AndWithTheDefaultPeriods_KeepsAWithdrawalOfToday()
    {
        var withdrawn = await _app.Intake().SubmitAsync(Forms.Valid("Q37"));
        (await _app.Reviewer("Q37").WithdrawAsync(withdrawn, "merging with a neighbour")).Dispose();
        await _app.Reviewer("Q37").WaitForStatusAsync(withdrawn, "withdrawn");
        var durable = _app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{withdrawn}'s orchestration to complete",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(withdrawn),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            i => i?.RuntimeStatus.ToString() ?? "no instance"
        );
        var timer = _app
            .Services.GetRequiredService<Pathfinder.LocalHost.FunctionCatalog>()
            .Timers.Single(t => t.Name == nameof(RetentionFunctions.ApplyRetention));

        // As the local host's timer service calls it at 02:30: the trigger, a Durable client, a token.
        await using var scope = _app.Services.CreateAsyncScope();
        var report = (RetentionReport)
            (
                await Pathfinder.LocalHost.FunctionInvoker.InvokeAsync(
                    timer.Method,
                    scope.ServiceProvider,
                    new Microsoft.Azure.Functions.Worker.TimerInfo(),
                    new Dictionary<string, object?>(),
                    CancellationToken.None
                )
            )!;

        Assert.Equal("0 30 2 * * *", timer.Schedule);
        Assert.Equal(new RetentionReport(0, 0, 0), report);
        Assert.NotNull(await durable.GetInstanceAsync(withdrawn));
        Assert.Null(
            (
                await _app
                    .Services.GetRequiredService<ApplicationRepository>()
                    .GetAsync(withdrawn, CancellationToken.None)
            )!.PersonalDataRemovedAt
        );
    }

    [Fact]
    public void App_DoesNotStart_WithANegativeRetentionPeriod()
    {
        using var app = PathfinderApp.With(("Retention:HistoryAfter", "-1.00:00:00"));

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => app.App);

        Assert.Contains("Retention:HistoryAfter", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALivePathfinder_IsDueFromGoLive_AndOnlyEndedOrLiveApplicationsAreEverDue()
    {
        var received = new DateTimeOffset(2011, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var live = Record(Pathfinder.Domain.ApplicationStatus.Live) with { LiveAt = received.AddMonths(3) };
        var underReview = Record(Pathfinder.Domain.ApplicationStatus.UnderReview);
        var approved = Record(Pathfinder.Domain.ApplicationStatus.Approved);

        Assert.Equal(received.AddMonths(3), RetentionSweep.EndedAt(live));
        Assert.Null(RetentionSweep.EndedAt(underReview));
        Assert.Null(RetentionSweep.EndedAt(approved));
        var anonymised = RetentionSweep.Anonymised(live, received.AddYears(2));
        Assert.Equal(RetentionSweep.Removed, anonymised.LeadGpName);
        Assert.Equal(live.PracticeCodes, anonymised.PracticeCodes);
        Assert.Equal(live.RegisteredPopulation, anonymised.RegisteredPopulation);
        Assert.Equal(RetentionSweep.Removed, anonymised.Timeline[0].By);
        Assert.Equal(received.AddYears(2), anonymised.PersonalDataRemovedAt);
    }

    private static ApplicationRecord Record(Pathfinder.Domain.ApplicationStatus status)
    {
        var received = new DateTimeOffset(2011, 1, 10, 9, 0, 0, TimeSpan.Zero);
        return new ApplicationRecord
        {
            Reference = "Q35-0001",
            ShaCode = "Q35",
            ConsortiumName = "Fenland Health Consortium",
            Status = status,
            ReceivedAt = received,
            ReviewDeadline = received.AddDays(28),
            Source = "web form",
            Form = new Pathfinder.Domain.ExpressionOfInterestForm
            {
                LeadGp = new Pathfinder.Domain.LeadGpForm
                {
                    Name = "Dr Jane Lead",
                    Email = "jane@practice.example",
                    Phone = "01632 960000",
                },
            },
            PracticeCodes = ["D81001"],
            RegisteredPopulation = 12_000,
            SupportNeeds = [],
            AreasOfWork = [],
            LeadGpName = "Dr Jane Lead",
            LeadGpEmail = "jane@practice.example",
        }.With(received, "Expression of interest received by web form", "Dr Jane Lead");
    }

    [Fact]
    public void Options_RefuseANonPositivePeriod()
    {
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(new object());
        var problems = new RetentionOptions { InboundEmailsAfter = TimeSpan.Zero }
            .Validate(context)
            .ToList();

        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(RetentionOptions.InboundEmailsAfter)));
        Assert.Empty(new RetentionOptions().Validate(context));
    }

    private RetentionSweep SweepAt(TimeSpan later) =>
        new(
            _app.Services.GetRequiredService<ApplicationRepository>(),
            _app.Services.GetRequiredService<InboundEmails>(),
            _app.Services.GetRequiredService<InboundArchive>(),
            _app.Services.GetRequiredService<Pathfinder.Functions.Notifications.Outbox.Outbox>(),
            _app.Services.GetRequiredService<Pathfinder.Functions.Notifications.Delivery.DeliveryTracking>(),
            Options.Create(Short),
            new Later(later),
            NullLogger<RetentionSweep>.Instance
        );

    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
