using System.ComponentModel.DataAnnotations;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The email intake's settings, bound from the same "Intake" section as the intake key
/// (e.g. <c>Intake__ShaAddresses__Q35=pathfinders.q35@inbound.example.nhs.uk</c>, <c>Intake__SpamScoreThreshold=4</c>).
/// </summary>
public sealed class EmailIntakeOptions : IValidatableObject
{
    public const string SectionName = "Intake";

    /// <summary>The default inbound domain: every SHA gets <c>pathfinders.{code}@</c> it unless configured.</summary>
    public const string DefaultInboundDomain = "inbound.pathfinders.example.nhs.uk";

    /// <summary>
    /// SHA code to the address applicants of that SHA write to; a form without an SHA is filed under the SHA whose
    /// address it was sent to. Configured entries replace the default of the same SHA.
    /// </summary>
    public Dictionary<string, string> ShaAddresses { get; set; } =
        ShaCode.All.ToDictionary(
            s => s.Code,
            s => $"pathfinders.{s.Code.ToLowerInvariant()}@{DefaultInboundDomain}",
            StringComparer.OrdinalIgnoreCase
        );

    /// <summary>SpamAssassin's score (SendGrid's <c>spam_score</c>) above which an email is quarantined.</summary>
    [Range(0, 100, ErrorMessage = "Intake:SpamScoreThreshold must be between 0 and 100.")]
    public double SpamScoreThreshold { get; set; } = 5.0;

    /// <summary>The largest email (the whole Inbound Parse POST) accepted: 30 MB.</summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Intake:MaxEmailBytes must be at least 1024.")]
    public long MaxEmailBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>
    /// The app's public address (its URL in Azure): links in replies (the blank forms) and in emails (applicants'
    /// status links, reviewers' application pages) start with it.
    /// </summary>
    [Required(ErrorMessage = "Intake:PublicBaseUrl must be the app's public URL.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, address) in ShaAddresses)
        {
            if (!ShaCode.From(code).IsSuccess)
            {
                yield return new ValidationResult(
                    $"Intake:ShaAddresses: '{code}' is not an SHA code.",
                    [nameof(ShaAddresses)]
                );
            }
            if (!MimeKit.MailboxAddress.TryParse(address, out _))
            {
                yield return new ValidationResult(
                    $"Intake:ShaAddresses:{code}: '{address}' is not an email address.",
                    [nameof(ShaAddresses)]
                );
            }
        }
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Intake:PublicBaseUrl must be an absolute URL.", [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary>The SHA whose inbound address is among <paramref name="addresses"/>, if any.</summary>
    public string? ShaFor(IEnumerable<string> addresses)
    {
        var wanted = addresses.Select(a => a.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ShaAddresses.FirstOrDefault(p => wanted.Contains(p.Value.Trim())).Key?.ToUpperInvariant();
    }

    /// <summary>Field limits: what is kept to read beyond this is archived but cut, and the reply says so.</summary>
    public static class Limits
    {
        public const int TextChars = 100_000;
        public const int SubjectChars = 500;
        public const int AddressChars = 2_000;
        public const int HeadersChars = 64_000;
        public const int AttachmentsRead = 10;
    }
}
