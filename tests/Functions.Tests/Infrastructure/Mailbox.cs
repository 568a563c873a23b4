using MimeKit;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>One email from the pickup folder, as a recipient would see it.</summary>
/// <param name="Kind">The notification kind the app labels it with (X-Categories), e.g. "ReviewReminder".</param>
public sealed record SentMail(IReadOnlyList<string> To, string Subject, string Kind, string Text)
{
    public bool IsTo(string address) => To.Contains(address, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Reads the .eml files the app wrote, as MIME, so tests check recipients and subjects rather than raw
/// text.</summary>
public static class Mailbox
{
    public const string Applicant = "jane.lead@fenland.example.nhs.uk";
    public const string NationalTeam = "pathfinder.programme@dh.example.gov.uk";
    public const string ResearchUnit = "evaluation@research.example.ac.uk";

    public static string ShaReviewers(string sha) => $"pathfinders.{sha.ToLowerInvariant()}@sha.example.nhs.uk";

    public static string Lmc(string sha) => $"lmc.{sha.ToLowerInvariant()}@lmc.example.org.uk";

    /// <summary>Every email written so far, oldest first.</summary>
    public static IReadOnlyList<SentMail> Sent(this PathfinderApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Mail().Select(Parse)];
    }

    /// <summary>The emails about one application (they quote its reference); wave digests are about a wave.</summary>
    public static IReadOnlyList<SentMail> About(this PathfinderApp app, string reference) =>
        [
            .. app.Sent()
                .Where(m =>
                    m.Kind != "WaveDigest"
                    && (
                        m.Subject.Contains(reference, StringComparison.Ordinal)
                        || m.Text.Contains(reference, StringComparison.Ordinal)
                    )
                ),
        ];

    /// <summary>The kinds of the emails about one application, in a stable order (several may share a
    /// moment).</summary>
    public static IReadOnlyList<string> KindsAbout(this PathfinderApp app, string reference) =>
        [.. app.About(reference).Select(m => m.Kind).Order(StringComparer.Ordinal)];

    private static SentMail Parse(string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        using var message = MimeMessage.Load(stream);
        return new SentMail(
            [.. message.To.Mailboxes.Select(m => m.Address)],
            message.Subject ?? "",
            message.Headers["X-Categories"] ?? "",
            message.TextBody ?? ""
        );
    }
}
