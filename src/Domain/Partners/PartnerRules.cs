using System.Net.Mail;
using System.Text.Json;

namespace Pathfinder.Domain;

/// <summary>
/// The rules for the partners the national team keeps: what a partner needs, which names SendGrid would refuse, what
/// counts as a duplicate, and which SHAs are still missing a partner a wave's digest goes to. Problems name the API's
/// fields (<c>kind</c>, <c>sha</c>, <c>name</c>, <c>addresses[1]</c>).
/// </summary>
public static class PartnerRules
{
    public const int NameLength = 150;
    public const int MaxAddresses = 10;
    public const int AddressLength = 254;

    /// <summary>The kinds with one partner per SHA: the LMC and the reviewers' mailbox.</summary>
    public static bool IsPerSha(PartnerKind kind) => kind is PartnerKind.Lmc or PartnerKind.ShaReviewers;

    /// <summary>The kind in the API's words: <c>lmc</c>, <c>shaReviewers</c>, <c>nationalBody</c> ...</summary>
    public static string ApiName(PartnerKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The kind in plain words, for pages and the history.</summary>
    public static string Describe(PartnerKind kind) =>
        kind switch
        {
            PartnerKind.Lmc => "Local Medical Committee",
            PartnerKind.ShaReviewers => "Reviewers' mailbox",
            PartnerKind.NationalBody => "National body",
            PartnerKind.NationalTeam => "National team",
            PartnerKind.ResearchUnit => "Research unit",
            _ => kind.ToString(),
        };

    /// <summary>What a partner of this kind is sent by the programme: the one list the pages, emails and README
    /// follow.</summary>
    public static string Receives(PartnerKind kind) =>
        kind switch
        {
            PartnerKind.ShaReviewers =>
                "each expression of interest sent to its SHA, reminders and escalations while a "
                    + "decision is due, go-live notices, and the wave digest of its SHA's new pathfinders",
            PartnerKind.Lmc =>
                "go-live notices for pathfinders in its area, and the wave digest of its area's new pathfinders",
            PartnerKind.NationalBody => "the wave digest of every new pathfinder",
            PartnerKind.NationalTeam => "escalations of overdue decisions, and the wave digest of every new pathfinder",
            PartnerKind.ResearchUnit => "go-live notices for pathfinders that opted in to the evaluation",
            _ => "nothing",
        };

    /// <summary>A national body's name as the duplicate rule compares it: any case, any spacing.</summary>
    public static string Normalised(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
    }

    /// <summary>
    /// Checks a new partner, or a change to one (<paramref name="fixedKind"/>: a partner's kind never changes), against
    /// the rules and the partners already there (<paramref name="others"/>, without the one being changed). Every
    /// problem is reported at once.
    /// </summary>
    public static Validated<PartnerDetails> Validate(
        PartnerDraft draft,
        IReadOnlyList<KnownPartner> others,
        PartnerKind? fixedKind = null
    )
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(others);
        var problems = new List<ValidationProblem>();
        var kind = Kind(draft.Kind, fixedKind, problems);
        var sha = kind is { } k ? Sha(draft.Sha, k, problems) : null;
        var name = Name(draft.Name, problems);
        var addresses = Addresses(draft.Addresses, problems);
        if (problems.Count > 0 || kind is null)
        {
            return Validated.Invalid<PartnerDetails>(problems);
        }
        var details = new PartnerDetails(kind.Value, sha, name, addresses);
        if (others.FirstOrDefault(o => o.Details.UniqueKey == details.UniqueKey) is { } taken)
        {
            return Validated.Invalid<PartnerDetails>([Duplicate(details, taken.Details)]);
        }
        return Validated.Valid(details);
    }

    /// <summary>What a change did, in plain words, for the partner's history: one line per thing changed.</summary>
    public static IReadOnlyList<string> Changes(PartnerDetails before, PartnerDetails after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        if (before.Sha != after.Sha)
        {
            changes.Add($"SHA: {before.Sha?.Code ?? "none"} to {after.Sha?.Code ?? "none"}");
        }
        if (before.Name != after.Name)
        {
            changes.Add($"Name: {before.Name} to {after.Name}");
        }
        if (!before.Addresses.SequenceEqual(after.Addresses))
        {
            changes.Add($"Addresses: {string.Join(" ", before.Addresses)} to {string.Join(" ", after.Addresses)}");
        }
        return changes;
    }

    /// <summary>
    /// The per-SHA partners missing from <paramref name="partners"/>, in SHA order (LMC first): each SHA needs its LMC
    /// and its reviewers' mailbox, or its area's digest and its reviewers' notices go to nobody.
    /// </summary>
    public static IReadOnlyList<(ShaCode Sha, PartnerKind Kind)> Missing(IEnumerable<PartnerDetails> partners)
    {
        var present = partners.Where(p => p.Sha is not null).Select(p => (p.Sha!.Code, p.Kind)).ToHashSet();
        return
        [
            .. ShaCode.All.SelectMany(sha =>
                new[] { PartnerKind.Lmc, PartnerKind.ShaReviewers }
                    .Where(kind => !present.Contains((sha.Code, kind)))
                    .Select(kind => (sha, kind))
            ),
        ];
    }

    /// <summary>An address we can hand to SendGrid as it is: one bare mailbox, with a dotted domain.</summary>
    public static bool IsAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= AddressLength
            && ContactDetails.LooksLikeEmail(text)
            && MailAddress.TryCreate(text, out var parsed)
            && parsed.Address == text
            && text.All(c => c < 128);
    }

    private static PartnerKind? Kind(string? text, PartnerKind? fixedKind, List<ValidationProblem> problems)
    {
        var typed = text?.Trim();
        var named = string.IsNullOrEmpty(typed)
            ? null
            : Enum.GetValues<PartnerKind>()
                .Cast<PartnerKind?>()
                .FirstOrDefault(k => string.Equals(k.ToString(), typed, StringComparison.OrdinalIgnoreCase));
        if (fixedKind is { } kind)
        {
            if (!string.IsNullOrEmpty(typed) && named != kind)
            {
                problems.Add(
                    new(
                        "kind",
                        $"A partner's kind cannot change (this one is {ApiName(kind)}): remove it and "
                            + "add the new one."
                    )
                );
            }
            return kind;
        }
        if (string.IsNullOrEmpty(typed))
        {
            problems.Add(new("kind", "Choose the kind of partner."));
        }
        else if (named is null)
        {
            problems.Add(
                new(
                    "kind",
                    $"'{Quoted.Text(typed)}' is not a kind of partner; use one of "
                        + string.Join(", ", Enum.GetValues<PartnerKind>().Select(ApiName))
                        + "."
                )
            );
        }
        return named;
    }

    private static ShaCode? Sha(string? text, PartnerKind kind, List<ValidationProblem> problems)
    {
        var typed = text?.Trim();
        if (!IsPerSha(kind))
        {
            if (!string.IsNullOrEmpty(typed))
            {
                problems.Add(new("sha", $"A {Describe(kind).ToLowerInvariant()} is not per SHA: leave the SHA empty."));
            }
            return null;
        }
        if (string.IsNullOrEmpty(typed))
        {
            problems.Add(new("sha", $"Choose the SHA whose {Describe(kind).ToLowerInvariant()} this is (Q30 to Q39)."));
            return null;
        }
        var sha = ShaCode.From(typed);
        if (!sha.IsSuccess)
        {
            problems.Add(
                new(
                    "sha",
                    $"'{Quoted.Text(typed)}' is not one of the ten SHAs; use a code from Q30 to Q39, "
                        + "for example Q35 for East of England."
                )
            );
            return null;
        }
        return sha.Value;
    }

    private static string Name(string? text, List<ValidationProblem> problems)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems.Add(new("name", "Give the partner's name, as its email should be addressed."));
        }
        else if (name.Length > NameLength)
        {
            problems.Add(new("name", $"The name is {name.Length} characters long; keep it to {NameLength}."));
        }
        else if (name.Any(char.IsControl))
        {
            problems.Add(new("name", "The name must be on one line, without tabs or other control characters."));
        }
        else if (name.IndexOfAny([',', ';']) >= 0)
        {
            // SendGrid reads a comma or semicolon in a display name as a list of addresses and refuses the message.
            problems.Add(
                new(
                    "name",
                    $"'{Quoted.Text(name)}' has a comma or semicolon, which email names cannot "
                        + "carry: use a dash instead, for example 'NHS Alliance - Primary Care'."
                )
            );
        }
        return name;
    }

    private static List<string> Addresses(IReadOnlyList<string?>? typed, List<ValidationProblem> problems)
    {
        var addresses = new List<string>();
        if (typed is null || typed.Count == 0)
        {
            problems.Add(new("addresses", "Give at least one email address."));
            return addresses;
        }
        if (typed.Count > MaxAddresses)
        {
            problems.Add(new("addresses", $"Give at most {MaxAddresses} addresses; this gives {typed.Count}."));
            return addresses;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < typed.Count; i++)
        {
            var address = typed[i]?.Trim() ?? "";
            var field = $"addresses[{i}]";
            if (address.Length == 0)
            {
                problems.Add(new(field, $"Address {i + 1} is empty: give an address or leave it out."));
            }
            else if (!IsAddress(address))
            {
                problems.Add(
                    new(
                        field,
                        $"'{Quoted.Text(address)}' is not an email address; it should look like "
                            + "name@example.nhs.uk."
                    )
                );
            }
            else if (!seen.Add(address))
            {
                problems.Add(new(field, $"{address} is listed twice; give each address once."));
            }
            addresses.Add(address);
        }
        return addresses;
    }

    private static ValidationProblem Duplicate(PartnerDetails wanted, PartnerDetails existing) =>
        wanted.Kind switch
        {
            PartnerKind.Lmc or PartnerKind.ShaReviewers => new(
                "sha",
                $"{wanted.Sha!.Name} ({wanted.Sha.Code}) already has a {Describe(wanted.Kind).ToLowerInvariant()}: "
                    + $"{existing.Name}. Change that one instead."
            ),
            PartnerKind.NationalBody => new("name", $"There is already a national body called {existing.Name}."),
            _ => new(
                "kind",
                $"There is already a {Describe(wanted.Kind).ToLowerInvariant()}: {existing.Name}. Change "
                    + "that one instead."
            ),
        };
}
