namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>Where an email stands.</summary>
public enum InboundEmailStatus
{
    /// <summary>Archived; not yet answered (processing failed part-way: the national team may release it).</summary>
    Received,

    /// <summary>An application started; the orchestration acknowledges the sender.</summary>
    Started,

    /// <summary>Problems found; the sender was told what to fix.</summary>
    Rejected,

    /// <summary>The consortium already has an application under review; the sender was given its reference.</summary>
    Duplicate,

    /// <summary>The same email (Message-ID) delivered again: archived, and nothing else done.</summary>
    Redelivered,

    /// <summary>Failed SPF or DKIM, or scored as spam: waits for a person; never started nor answered
    /// automatically.</summary>
    Quarantined,

    /// <summary>Released from quarantine by a person and processed (see <see
    /// cref="InboundEmailRecord.Outcome"/>).</summary>
    Released,

    /// <summary>Discarded from quarantine by a person: kept in the archive, never answered.</summary>
    Discarded,
}

/// <summary>One archived part of the POST: a field or an attachment, as one blob.</summary>
public sealed record ArchivedPart(
    string Field,
    string Blob,
    long Bytes,
    string? FileName = null,
    string? ContentType = null
)
{
    public bool IsAttachment => FileName is not null;
}

/// <summary>What the senders' mail systems and SendGrid said about the email.</summary>
public sealed record SenderChecks(string? Spf, IReadOnlyList<string> Dkim, double? SpamScore)
{
    /// <summary>The reasons to quarantine, in plain words; empty when the email may be processed.</summary>
    public IReadOnlyList<string> Failures(double spamThreshold)
    {
        var failures = new List<string>();
        if (Spf is "fail" or "softfail")
        {
            failures.Add($"SPF check: {Spf}");
        }
        // Forwarders often add signatures of their own, so one passing signature is enough.
        var results = Dkim.Select(d => d[(d.LastIndexOf(':') + 1)..].Trim()).ToList();
        if (results.Count > 0 && !results.Contains("pass"))
        {
            failures.Add($"DKIM check: {string.Join(", ", Dkim)}");
        }
        if (SpamScore > spamThreshold)
        {
            failures.Add($"spam score {SpamScore:0.0#} above {spamThreshold:0.0#}");
        }
        return failures;
    }
}

/// <summary>
/// One email as it arrived and what became of it: one row of the InboundEmails table (partition = id), with the raw
/// fields and attachments in Blob Storage under <see cref="BlobPrefix"/>.
/// </summary>
public sealed record InboundEmailRecord(
    string Id,
    DateTimeOffset ReceivedAt,
    string Container,
    string BlobPrefix,
    IReadOnlyList<ArchivedPart> Parts,
    string? MessageId,
    string From,
    string? Sender,
    string To,
    IReadOnlyList<string> EnvelopeTo,
    string Subject,
    string? Text,
    bool HasHtml,
    SenderChecks Checks,
    IReadOnlyList<string> Notes,
    InboundEmailStatus Status = InboundEmailStatus.Received
)
{
    public string? ApplicationReference { get; init; }

    /// <summary>The earlier delivery of the same Message-ID, for a redelivery.</summary>
    public string? RedeliveryOf { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What the intake found on the way (SHA taken from the address, attachments not opened, cut
    /// fields...).</summary>
    public IReadOnlyList<string> ReadingNotes { get; init; } = [];

    /// <summary>After a release: what processing did (Started, Rejected or Duplicate).</summary>
    public InboundEmailStatus? Outcome { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}
