namespace Pathfinder.Domain;

/// <summary>
/// One partner as the national team keeps it: its kind, the SHA for the per-SHA kinds (LMCs and reviewers'
/// mailboxes), a name, and one or more addresses that each receive what the partner is sent.
/// </summary>
public sealed record PartnerDetails(PartnerKind Kind, ShaCode? Sha, string Name, IReadOnlyList<string> Addresses)
{
    /// <summary>What the partner is called on pages and in the history, e.g. "LMC for East of England (Q35)".</summary>
    public string KindAndArea =>
        Sha is null ? PartnerRules.Describe(Kind) : $"{PartnerRules.Describe(Kind)} for {Sha.Name} ({Sha.Code})";

    /// <summary>
    /// What two partners may not share: one LMC and one reviewers' mailbox per SHA, one national team, one research
    /// unit, and national bodies with different names (in any case or spacing).
    /// </summary>
    public string UniqueKey =>
        Kind switch
        {
            PartnerKind.Lmc or PartnerKind.ShaReviewers => $"{Kind}-{Sha?.Code}",
            PartnerKind.NationalBody => $"{Kind}-{PartnerRules.Normalised(Name)}",
            _ => Kind.ToString(),
        };

    public bool Equals(PartnerDetails? other) =>
        other is not null
        && Kind == other.Kind
        && Sha == other.Sha
        && Name == other.Name
        && Addresses.SequenceEqual(other.Addresses);

    public override int GetHashCode() => HashCode.Combine(Kind, Sha, Name, Addresses.Count);
}

/// <summary>What the national team typed for a partner, before it is checked: every box as text.</summary>
public sealed record PartnerDraft(string? Kind, string? Sha, string? Name, IReadOnlyList<string?>? Addresses);

/// <summary>Another partner already in the directory, as the duplicate rule sees it.</summary>
public sealed record KnownPartner(string Id, PartnerDetails Details);
