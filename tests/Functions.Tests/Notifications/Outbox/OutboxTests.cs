using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Testing;

// Not ...Notifications.Outbox: a namespace of that name would hide the Outbox class in these tests.
namespace Pathfinder.Functions.Tests.Notifications;

public sealed class OutboxTests
{
    private const string Instance = "eoi-q35-0001";

    private readonly TableServiceClient _service = new(Azurite.Shared.ConnectionString);
    private readonly string _tableName = Azurite.UniqueName("Outbox");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2010, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentBag<EmailMessage> _sent = [];
    private readonly Mock<IEmailSender> _sender = new();

    public OutboxTests() =>
        _sender
            .Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(
                async (EmailMessage message, CancellationToken ct) =>
                {
                    // A little latency widens the window in which two dispatchers could both send.
                    await Task.Delay(10, ct);
                    _sent.Add(message);
                    return EmailSendResult.Accepted($"sg-{_sent.Count}");
                }
            );

    private Outbox NewOutbox(IEmailSender? sender = null) =>
        new(_service, sender ?? _sender.Object, _time, NullLogger<Outbox>.Instance, _tableName);

    private static EmailMessage Message(string subject = "Expression of interest received", string? html = null) =>
        new(
            [new EmailAddress("asha.patel@d81001.nhs.uk", "Dr Asha Patel")],
            subject,
            "Text body",
            html ?? "<p>HTML body</p>"
        )
        {
            Categories = ["Acknowledgement"],
            IdempotencyKey = $"{Instance}/0001-00",
        };

    [Fact]
    public async Task Enqueue_Twice_KeepsOneRowAndSendsOnce()
    {
        var outbox = NewOutbox();

        var first = await outbox.EnqueueAsync(Instance, "0001-00", Message(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var retried = await outbox.EnqueueAsync(
            Instance,
            "0001-00",
            Message("A second rendering"),
            CancellationToken.None
        );
        var sent = await outbox.DispatchAsync(10, CancellationToken.None);
        var again = await outbox.DispatchAsync(10, CancellationToken.None);

        Assert.Equivalent(first, retried, strict: true);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        Assert.Equal((1, 0), (sent, again));
        var message = Assert.Single(_sent);
        Assert.Equal("Expression of interest received", message.Subject);
        Assert.Equal(["Acknowledgement"], message.Categories);
        Assert.Equal($"{Instance}/0001-00", message.IdempotencyKey);
        Assert.Equal("Dr Asha Patel", Assert.Single(message.To).Name);

        var entry = Assert.Single(await outbox.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, entry.Status);
        Assert.Equal("sg-1", entry.ProviderMessageId);
        Assert.Equal(_time.GetUtcNow(), entry.SentAt);
        Assert.Equal(["asha.patel@d81001.nhs.uk"], entry.Recipients);
        Assert.Equal(0, entry.Attempts);
    }

    [Fact]
    public async Task TwoDispatchersRacing_SendEachMessageOnce()
    {
        var setup = NewOutbox();
        for (var i = 0; i < 20; i++)
        {
            await setup.EnqueueAsync(Instance, $"{i:D4}-00", Message($"Message {i}"), CancellationToken.None);
        }

        // Two processes (separate Outbox objects over the same table), and an activity sending its own message now.
        var dispatchers = Task.WhenAll(
            NewOutbox().DispatchAsync(50, CancellationToken.None),
            NewOutbox().DispatchAsync(50, CancellationToken.None)
        );
        var activity = NewOutbox().TrySendNowAsync(Instance, "0007-00", CancellationToken.None);
        await Task.WhenAll(dispatchers, activity);

        Assert.Equal(20, _sent.Count);
        Assert.Equal(20, _sent.Select(m => m.Subject).Distinct().Count());
        Assert.True(await activity);
        Assert.InRange((await dispatchers).Sum(), 19, 20);
        Assert.All(await setup.ListAsync(null, 50, CancellationToken.None), e =>
            Assert.Equal(OutboxStatus.Sent, e.Status)
        );
    }

    [Fact]
    public async Task TrySendNow_SendsJustThatEntry_AndReportsItSentAfterwards()
    {
        var outbox = NewOutbox();
        await outbox.EnqueueAsync(Instance, "0001-00", Message("First"), CancellationToken.None);
        await outbox.EnqueueAsync(Instance, "0002-00", Message("Second"), CancellationToken.None);

        Assert.True(await outbox.TrySendNowAsync(Instance, "0002-00", CancellationToken.None));
        Assert.True(await outbox.TrySendNowAsync(Instance, "0002-00", CancellationToken.None));

        Assert.Equal("Second", Assert.Single(_sent).Subject);
        Assert.Single(await outbox.ListAsync(OutboxStatus.Pending, 10, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            outbox.TrySendNowAsync(Instance, "0009-00", CancellationToken.None)
        );
    }

    [Fact]
    public async Task AFailingSender_RecordsTheReason_RetriesAfterBackoff_AndFailsAfterFiveAttempts()
    {
        var failing = new Mock<IEmailSender>();
        failing
            .Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EmailSendResult.Failed("SendGrid answered 503 Service Unavailable."));
        var outbox = NewOutbox(failing.Object);
        await outbox.EnqueueAsync(Instance, "0001-00", Message(), CancellationToken.None);

        Assert.False(await outbox.TrySendNowAsync(Instance, "0001-00", CancellationToken.None));
        var entry = Assert.Single(await outbox.ListAsync(OutboxStatus.Pending, 10, CancellationToken.None));
        Assert.Equal(1, entry.Attempts);
        Assert.Equal("SendGrid answered 503 Service Unavailable.", entry.LastError);
        Assert.Equal(_time.GetUtcNow() + Outbox.RetryDelay(1), entry.NextAttemptAt);

        // Not before the backoff has passed.
        _time.Advance(Outbox.RetryDelay(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.DispatchAsync(10, CancellationToken.None));
        Assert.False(await outbox.TrySendNowAsync(Instance, "0001-00", CancellationToken.None));
        failing.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);

        for (var attempt = 2; attempt <= Outbox.MaxAttempts; attempt++)
        {
            _time.Advance(Outbox.RetryDelay(attempt - 1));
            Assert.Equal(0, await outbox.DispatchAsync(10, CancellationToken.None));
            failing.Verify(
                s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()),
                Times.Exactly(attempt)
            );
        }

        var failed = Assert.Single(await outbox.ListAsync(OutboxStatus.Failed, 10, CancellationToken.None));
        Assert.Equal(5, failed.Attempts);
        Assert.Equal("SendGrid answered 503 Service Unavailable.", failed.LastError);
        Assert.Null(failed.SentAt);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await outbox.DispatchAsync(10, CancellationToken.None));
        failing.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    [Fact]
    public async Task ASenderThatThrows_IsAFailedAttemptWithTheReason_AndTheNextAttemptSucceeds()
    {
        var flaky = new Mock<IEmailSender>();
        flaky
            .SetupSequence(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("Connection refused (api.sendgrid.com:443)"))
            .ReturnsAsync(EmailSendResult.Accepted("sg-after-retry"));
        var outbox = NewOutbox(flaky.Object);
        await outbox.EnqueueAsync(Instance, "0001-00", Message(), CancellationToken.None);

        Assert.Equal(0, await outbox.DispatchAsync(10, CancellationToken.None));
        var pending = Assert.Single(await outbox.ListAsync(OutboxStatus.Pending, 10, CancellationToken.None));
        Assert.Equal("HttpRequestException: Connection refused (api.sendgrid.com:443)", pending.LastError);

        _time.Advance(Outbox.RetryDelay(1));
        Assert.Equal(1, await outbox.DispatchAsync(10, CancellationToken.None));
        var sent = Assert.Single(await outbox.ListAsync(OutboxStatus.Sent, 10, CancellationToken.None));
        Assert.Equal(("sg-after-retry", 1), (sent.ProviderMessageId, sent.Attempts));
    }

    [Fact]
    public async Task AHundredKilobyteHtmlBody_RoundTrips()
    {
        // A large wave digest: more than one 64 KiB property, with characters that take several UTF-8 bytes.
        var rows = string.Concat(
            Enumerable
                .Range(0, 1700)
                .Select(i => $"<tr><td>Consortium {i:D4} &amp; Co</td><td>£{i},000 — Vale</td></tr>\n")
        );
        var html = $"<table>{rows}</table>";
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(html), 100 * 1024, 128 * 1024);
        var outbox = NewOutbox();

        await outbox.EnqueueAsync(Instance, "0001-RCGP", Message(html: html), CancellationToken.None);
        Assert.True(await outbox.TrySendNowAsync(Instance, "0001-RCGP", CancellationToken.None));

        Assert.Equal(html, Assert.Single(_sent).HtmlBody);
        Assert.Equal(
            "Expression of interest received",
            Assert.Single(await outbox.ListAsync(OutboxStatus.Sent, 10, CancellationToken.None)).Subject
        );
    }

    [Fact]
    public async Task ARowStuckSending_IsSentAgainAfterTenMinutes()
    {
        // The dispatcher is stopped mid-send, as when its process dies: the row is left claimed.
        using var stopping = new CancellationTokenSource();
        var dying = new Mock<IEmailSender>();
        dying
            .Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(
                async (EmailMessage _, CancellationToken ct) =>
                {
                    await stopping.CancelAsync();
                    ct.ThrowIfCancellationRequested();
                    return EmailSendResult.Accepted("never");
                }
            );
        await NewOutbox().EnqueueAsync(Instance, "0001-00", Message(), CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NewOutbox(dying.Object).DispatchAsync(10, stopping.Token)
        );
        var outbox = NewOutbox();
        Assert.Single(await outbox.ListAsync(OutboxStatus.Sending, 10, CancellationToken.None));

        _time.Advance(Outbox.StuckAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.DispatchAsync(10, CancellationToken.None));
        Assert.False(await outbox.TrySendNowAsync(Instance, "0001-00", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await outbox.DispatchAsync(10, CancellationToken.None));

        var entry = Assert.Single(await outbox.ListAsync(OutboxStatus.Sent, 10, CancellationToken.None));
        Assert.Equal(1, entry.Attempts);
        Assert.Contains("stopped while sending", entry.LastError, StringComparison.Ordinal);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task ASendSlowerThanTheLease_KeepsItsClaim_AndNoOtherDispatcherSendsItAgain()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var slow = new Mock<IEmailSender>();
        slow.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(
                async (EmailMessage message, CancellationToken ct) =>
                {
                    started.TrySetResult();
                    await release.Task.WaitAsync(ct);
                    _sent.Add(message);
                    return EmailSendResult.Accepted("sg-slow");
                }
            );
        await NewOutbox().EnqueueAsync(Instance, "0001-00", Message(), CancellationToken.None);
        var sending = NewOutbox(slow.Object).DispatchAsync(10, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Three times the lease passes while the send hangs; the claim is renewed, so another dispatcher waits.
        var other = NewOutbox();
        var table = _service.GetTableClient(_tableName);
        var renewals = 0;
        var end = _time.GetUtcNow() + 3 * Outbox.StuckAfter;
        while (_time.GetUtcNow() < end)
        {
            var before = (await table.GetEntityAsync<TableEntity>(Instance, "0001-00")).Value.GetDateTimeOffset(
                "ClaimedAt"
            );
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
            var after = (await table.GetEntityAsync<TableEntity>(Instance, "0001-00")).Value.GetDateTimeOffset(
                "ClaimedAt"
            );
            renewals += after != before ? 1 : 0;
            Assert.Equal(0, await other.DispatchAsync(10, CancellationToken.None));
        }
        release.SetResult();

        Assert.Equal(1, await sending);
        Assert.InRange(renewals, 6, 12);
        var entry = Assert.Single(await other.ListAsync(OutboxStatus.Sent, 10, CancellationToken.None));
        Assert.Equal(0, entry.Attempts);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task Dispatch_SendsAtMostMax()
    {
        var outbox = NewOutbox();
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync(Instance, $"{i:D4}-00", Message(), CancellationToken.None);
        }

        Assert.Equal(3, await outbox.DispatchAsync(3, CancellationToken.None));
        Assert.Equal(2, await outbox.DispatchAsync(3, CancellationToken.None));
        Assert.Equal(2, (await outbox.ListAsync(OutboxStatus.Sent, 2, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("reminder/1")]
    [InlineData("step#2")]
    [InlineData(" ")]
    public async Task Enqueue_WithAStepThatCannotBeARowKey_IsRefused(string step) =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            NewOutbox().EnqueueAsync(Instance, step, Message(), CancellationToken.None)
        );
}
