using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

public sealed class PickupDirectoryEmailSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "pathfinder-mail-" + Guid.NewGuid().ToString("N")
    );
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2010, 12, 13, 10, 30, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Send_WritesAnEmlFileThatParsesBackWithTextThenHtml()
    {
        using var services = Services();
        var message = new EmailMessage(
            [new EmailAddress("secretary@cambs-lmc.example.org", "Siân Ó Briain")],
            "Wave 1 – 52 pathfinders announced £",
            "Fifty-two pathfinders join in wave 1.",
            "<p>Fifty-two pathfinders join in <strong>wave 1</strong>.</p>"
        )
        {
            IdempotencyKey = "wave-1/notify-partners",
            Categories = ["wave-announcement"],
        };

        var result = await services.GetRequiredService<IEmailSender>().SendAsync(message, CancellationToken.None);

        Assert.True(result.Sent);
        var path = Path.Combine(_directory, result.ProviderMessageId!);
        Assert.Equal([path], Directory.GetFiles(_directory));
        using var parsed = await MimeMessage.LoadAsync(path);
        Assert.Equal("Wave 1 – 52 pathfinders announced £", parsed.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(parsed.From));
        Assert.Equal(("GP Pathfinder Programme", "pathfinders@onboarding.example.nhs.uk"), (from.Name, from.Address));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(parsed.To));
        Assert.Equal(("Siân Ó Briain", "secretary@cambs-lmc.example.org"), (to.Name, to.Address));
        Assert.Equal(_clock.GetUtcNow(), parsed.Date);
        Assert.EndsWith("@onboarding.example.nhs.uk", parsed.MessageId, StringComparison.Ordinal);
        Assert.Equal("wave-1/notify-partners", parsed.Headers[PickupDirectoryEmailSender.IdempotencyKeyHeader]);

        var alternative = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Collection(
            alternative,
            part => AssertUtf8Text(part, "text/plain", message.TextBody),
            part => AssertUtf8Text(part, "text/html", message.HtmlBody)
        );
    }

    [Fact]
    public async Task Send_NonAsciiSubject_IsEncodedInTheRawHeader()
    {
        using var services = Services();
        var message = new EmailMessage(
            [new EmailAddress("lead.gp@d81001.nhs.uk")],
            "Décision: accepted",
            "Text",
            "<p>Html</p>"
        );

        var result = await services.GetRequiredService<IEmailSender>().SendAsync(message, CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Path.Combine(_directory, result.ProviderMessageId!));
        var subjectLine = raw.Split("\r\n").Single(l => l.StartsWith("Subject:", StringComparison.Ordinal));
        Assert.Contains("=?utf-8?", subjectLine, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Décision", raw, StringComparison.Ordinal);
        Assert.All(raw, c => Assert.True(c < 128, $"non-ASCII character '{c}' in the file"));
        Assert.Contains("Content-Type: multipart/alternative", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TwoMessages_WritesTwoFiles()
    {
        using var services = Services();
        var sender = services.GetRequiredService<IEmailSender>();

        var first = await sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);
        var second = await sender.SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.NotEqual(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(2, Directory.GetFiles(_directory, "*.eml").Length);
    }

    private static void AssertUtf8Text(MimeEntity entity, string mimeType, string text)
    {
        var part = Assert.IsType<TextPart>(entity);
        Assert.Equal(mimeType, part.ContentType.MimeType);
        Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true);
        Assert.Equal(text, part.Text);
    }

    private ServiceProvider Services() =>
        EmailSendingServices.Build(
            new Dictionary<string, string?> { ["Notifications:PickupDirectory"] = _directory },
            _clock
        );
}
