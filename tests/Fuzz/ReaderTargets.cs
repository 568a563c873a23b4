using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Intake.Inbound;

namespace Pathfinder.Fuzz;

/// <summary>
/// One fuzz target per reader of outside input. A target returns normally when the reader did what it promises with
/// the input (read it, or refused it in its documented way) and throws <see cref="ReaderCrashedException"/> or the
/// reader's
/// own exception otherwise; afl-fuzz counts anything thrown as a crash. The regression tests replay files through
/// these same targets.
/// </summary>
public static class ReaderTargets
{
    public const string Multipart = "multipart";
    public const string Word = "word";

    /// <summary>The content type SendGrid Inbound Parse posts with, when an input names none.</summary>
    public const string InboundParseContentType = "multipart/form-data; boundary=xYzZY";

    public static IReadOnlyDictionary<string, Action<Stream>> All { get; } =
        new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
        {
            [Multipart] = InboundParsePost,
            [Word] = WordForm,
        };

    // Small enough that afl-fuzz's inputs (up to 1 MB) reach the size refusal too; real posts may be 30 MB.
    private const long MaxEmailBytes = 64 * 1024;

    private static readonly Lazy<InboundEmailReceiver> Receiver = new(() =>
        new InboundEmailReceiver(
            new InboundArchive(InMemoryStorage.Blobs(), EmailIntakeSetup.ContainerName("fuzz")),
            new InboundEmails(new ProgrammeTables(InMemoryStorage.Tables(), "fuzz"), ProgrammeJson.Create()),
            TimeProvider.System,
            Options.Create(new EmailIntakeOptions { MaxEmailBytes = MaxEmailBytes }),
            NullLogger<InboundEmailReceiver>.Instance
        )
    );

    /// <summary>
    /// An Inbound Parse POST: the input's first line is the request's Content-Type (so the boundary is fuzzed too),
    /// the rest its body. The receiver never throws for bad input: it returns the email or the problem (400, 413,
    /// 415) and keeps nothing. Anything thrown, or a refusal with another status, is a crash.
    /// </summary>
    public static void InboundParsePost(Stream input)
    {
        if (
            ReceiveInboundParsePost(ReadAll(input)).Refuses(out var problem, out _)
            && problem.StatusCode is not (400 or 413 or 415)
        )
        {
            throw new ReaderCrashedException($"The receiver refused with {problem.StatusCode}, not 400, 413 or 415.");
        }
    }

    /// <summary>What the receiver made of one input (see <see cref="InboundParsePost"/> for its shape).</summary>
    public static Step<InboundEmailRecord, ProblemHttpResult> ReceiveInboundParsePost(byte[] bytes)
    {
        var newline = Array.IndexOf(bytes, (byte)'\n');
        var firstLine = newline < 0 ? bytes : bytes[..newline];
        var body = newline < 0 ? [] : bytes[(newline + 1)..];
        // Kestrel hands header values on as Latin-1; a line break cannot be in one.
        var contentType = Encoding.Latin1.GetString(firstLine).TrimEnd('\r');

        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);

        return Receiver.Value.ReceiveAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// A filled-in Word form. <see cref="Functions.Intake.Forms.WordForm.Read"/> refuses a damaged or foreign file
    /// with <see cref="FormUnreadableException"/> (the applicant is told); anything else thrown is a crash.
    /// </summary>
    public static void WordForm(Stream input)
    {
        try
        {
            ReadWordForm(ReadAll(input));
        }
        catch (FormUnreadableException)
        {
            // The documented refusal of a file that is not a readable Word document.
        }
    }

    /// <summary>The answers read from one .docx; throws <see cref="FormUnreadableException"/> when it is
    /// unreadable.</summary>
    public static FormAnswers ReadWordForm(byte[] bytes)
    {
        using var docx = new MemoryStream(bytes, writable: false);
        var answers = new FormAnswers();
        Functions.Intake.Forms.WordForm.Read(docx, "expression-of-interest.docx", answers);
        return answers;
    }

    private static byte[] ReadAll(Stream input)
    {
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>A reader broke its promise without throwing: e.g. it returned neither a result nor a problem.</summary>
public sealed class ReaderCrashedException(string message) : Exception(message);
