using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// What applicants type reaches the emails we send: line breaks must not become mail headers (a Bcc to someone
/// else), and markup must reach the HTML part encoded, as text. Each email is read back with MimeKit from the .eml
/// the app wrote, as a mail client would read it.
/// </summary>
public sealed class HostileEmailTests : IDisposable
{
    private const string Attacker = "attacker@evil.example";
    private const string Injection = "\r\nBcc: " + Attacker + "\r\nX-Injected: yes";
    private const string Script = "<script>alert('x')</script>";

    /// <summary>Every header the app writes; anything else was injected.</summary>
    private static readonly string[] OurHeaders =
    [
        "From",
        "Date",
        "Subject",
        "Message-Id",
        "To",
        "MIME-Version",
        "Content-Type",
        "X-Idempotency-Key",
        "X-Categories",
    ];

    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Submit_LineBreaksInConsortiumAndLeadGpNames_TheEmailsSentCarryNoInjectedHeader()
    {
        var form = Forms.Valid();
        form["consortiumName"] = $"Fenland Health {Guid.NewGuid():N}{Injection}";
        form["leadGp"]!["name"] = "Dr Jane Lead" + Injection;

        await _app.Intake().SubmitAsync(form);

        AssertNoInjectedHeader(await _app.MailToEventuallyAsync(Mailbox.Applicant));
        AssertNoInjectedHeader(await _app.MailToEventuallyAsync(Mailbox.ShaReviewers("Q35")));
        Assert.All(_app.Mail(), AssertNoInjectedHeaderLine);
    }

    [Fact]
    public async Task Email_LineBreaksInTheSubject_TheReplyHasAOneLineSubjectAndNoInjectedHeader()
    {
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost
            {
                Subject = "Our expression of interest" + Injection,
                Text = "Consortium name: Fenland",
            }
        );

        Assert.Equal("rejected", receipt.Status());
        var reply = Assert.Single(await _app.MailToEventuallyAsync(InboundParsePost.SenderAddress));
        AssertNoInjectedHeader([reply]);
        Assert.StartsWith(
            "Your expression of interest could not be accepted yet: Our expression of interest Bcc: ",
            reply.Subject,
            StringComparison.Ordinal
        );
        Assert.All(_app.Mail(), AssertNoInjectedHeaderLine);
    }

    [Fact]
    public async Task Submit_MarkupInEveryAnswerAnEmailShows_IsEncodedInTheHtmlOfEveryEmail()
    {
        var form = Forms.Valid(consortium: $"{Script} Fenland {Guid.NewGuid():N}");
        form["leadGp"]!["name"] = $"{Script} Dr Lead";
        form["pctNames"] = new JsonArray($"{Script} PCT");
        form["localAuthority"] = $"{Script} Council";
        form["practices"]![0]!["name"] = $"{Script} Surgery";
        form["evidence"]!["gpLeadership"] = $"{Script} <img src=x onerror=alert(1)>";
        form["areasOfWork"] = new JsonArray($"{Script} care");
        var id = await _app.Intake().SubmitAsync(form);
        var decision = Forms.Decision("rejected", gp: false, comments: $"{Script} see notes");
        decision["criteria"]!["gpLeadership"]!["note"] = $"{Script} <b>weak</b>";
        using var rejected = await _app.Reviewer("Q35").DecideAsync(id, decision);
        Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);

        var mail = (await _app.MailToEventuallyAsync(Mailbox.Applicant, count: 2))
            .Concat(await _app.MailToEventuallyAsync(Mailbox.ShaReviewers("Q35")))
            .ToList();

        Assert.All(mail, AssertMarkupEncoded);
        // The rejection shows the reviewer's note: typed markup arrives there, as text.
        Assert.Contains(mail, m =>
            m.HtmlBody is { } html && html.Contains("&lt;b&gt;weak&lt;/b&gt;", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Email_MarkupInTheFormAndSubject_IsEncodedInTheReplyListingTheProblems()
    {
        var receipt = await _app.ReceiveAsync(
            new InboundParsePost
            {
                Subject = $"{Script} form",
                Text = $"Consortium name: {Script}\nSHA code: <img src=x onerror=alert(1)>\nLead GP email: {Script}",
            }
        );

        Assert.Equal("rejected", receipt.Status());
        var reply = Assert.Single(await _app.MailToEventuallyAsync(InboundParsePost.SenderAddress));
        AssertMarkupEncoded(reply);
        // The SHA code is quoted back in the problem, cut to its 20 characters, and encoded.
        Assert.Contains("&#x27;&lt;img src=x onerror=a&#x27;", reply.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_WordZipBombAttached_IsKeptOnce_AndAnsweredAsUnreadable_Quickly()
    {
        var bomb = InboundParsePost.Docx("expression-of-interest.docx", ZipBombs.OneHugeAnswer());
        var clock = Stopwatch.StartNew();
        var receipt = await _app.ReceiveAsync(new InboundParsePost { Attachments = [bomb] });
        var reply = Assert.Single(await _app.MailToEventuallyAsync(InboundParsePost.SenderAddress));
        clock.Stop();

        Assert.Equal("rejected", receipt.Status());
        Assert.Contains(
            "The attachment 'expression-of-interest.docx' could not be opened as a Word document.",
            reply.TextBody,
            StringComparison.Ordinal
        );
        Assert.Single((await _app.National().GetFromJsonAsync<JsonArray>("/api/inbound"))!);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    private static void AssertNoInjectedHeader(IReadOnlyList<MimeMessage> messages)
    {
        Assert.NotEmpty(messages);
        Assert.All(messages, message =>
        {
            Assert.Empty(message.Bcc);
            Assert.Empty(message.Cc);
            Assert.DoesNotContain(message.To.Mailboxes, m => m.Address == Attacker);
            Assert.All(message.Headers, h => Assert.Contains(h.Field, OurHeaders, StringComparer.OrdinalIgnoreCase));
            Assert.NotNull(message.Subject);
            Assert.DoesNotContain('\r', message.Subject);
            Assert.DoesNotContain('\n', message.Subject);
        });
    }

    /// <summary>The raw header block, before MIME parsing could hide anything: no line of it starts an injected
    /// header.</summary>
    private static void AssertNoInjectedHeaderLine(string raw)
    {
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.DoesNotContain(headers, line =>
            line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("X-Injected:", StringComparison.OrdinalIgnoreCase)
        );
    }

    private static void AssertMarkupEncoded(MimeMessage message)
    {
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }
}
