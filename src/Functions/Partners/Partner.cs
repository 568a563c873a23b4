using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Partners;

/// <summary>
/// One partner the programme writes to, as kept in the directory: its id (in its page's address), what the national
/// team gave (<see cref="Details"/>), the version its ETag carries, and when it was removed, if it was.
/// </summary>
public sealed record Partner(string Id, PartnerDetails Details, int Version)
{
    /// <summary>Who removed the partner and when; a removed partner is told nothing but keeps its history.</summary>
    public PartnerStamp? Removed { get; init; }

    public PartnerKind Kind => Details.Kind;

    public string Name => Details.Name;

    /// <summary>The HTTP entity tag of this version, quoted as RFC 9110 asks.</summary>
    public string ETag => $"\"{Version}\"";

    /// <summary>Every address, each with the partner's name as SendGrid accepts it (the Domain refused , and
    /// ;).</summary>
    public IReadOnlyList<EmailAddress> ToAddresses() => [.. Details.Addresses.Select(a => new EmailAddress(a, Name))];
}

/// <summary>Who did something and when.</summary>
public sealed record PartnerStamp(string By, DateTimeOffset At);

/// <summary>What was done to a partner.</summary>
public enum PartnerAction
{
    Added,
    Changed,
    Removed,
}

/// <summary>One line of a partner's history: the version it made, who made it and when, and what changed.</summary>
public sealed record PartnerHistoryEntry(
    int Version,
    PartnerAction Action,
    string By,
    DateTimeOffset At,
    IReadOnlyList<string> Changes
);
