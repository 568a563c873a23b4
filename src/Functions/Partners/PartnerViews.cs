using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Partners;

/// <summary>A partner as the API takes it: the kind (only when adding), the SHA for the per-SHA kinds, name,
/// addresses.</summary>
public sealed record PartnerRequest(string? Kind, string? Sha, string? Name, IReadOnlyList<string?>? Addresses)
{
    public PartnerDraft ToDraft() => new(Kind, Sha, Name, Addresses);
}

/// <summary>A partner in a list: what it is, where it writes, its version (the ETag), and what it receives.</summary>
public sealed record PartnerView(
    string Id,
    string Kind,
    string? Sha,
    string Name,
    IReadOnlyList<string> Addresses,
    int Version,
    string Receives
)
{
    public static PartnerView Of(Partner p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(
            p.Id,
            PartnerRules.ApiName(p.Kind),
            p.Details.Sha?.Code,
            p.Name,
            p.Details.Addresses,
            p.Version,
            PartnerRules.Receives(p.Kind)
        );
    }
}

/// <summary>One partner with its history, the digests sent to it and its test messages.</summary>
public sealed record PartnerDetailView(
    PartnerView Partner,
    IReadOnlyList<PartnerHistoryEntry> History,
    IReadOnlyList<PartnerDigestView> Digests,
    IReadOnlyList<OutboxEntry> TestMessages
);

/// <summary>A wave's digest to the partner: to which addresses, and where it is (the outbox's status).</summary>
public sealed record PartnerDigestView(
    int Wave,
    string Subject,
    IReadOnlyList<string> Recipients,
    OutboxStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? SentAt,
    string? LastError
)
{
    public static PartnerDigestView Of(PartnerDigest d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var e = d.Entry;
        return new(d.Wave, e.Subject, e.Recipients, e.Status, e.CreatedAt, e.SentAt, e.LastError);
    }
}
