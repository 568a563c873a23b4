using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Partners;

/// <summary>Who is told what: the kinds of organisation the programme keeps informed.</summary>
public enum PartnerKind
{
    /// <summary>An SHA's reviewers, who consider expressions of interest; one row per SHA code (Q30 to Q39).</summary>
    ShaReviewers,

    /// <summary>The Department of Health's pathfinder programme team; code "national".</summary>
    NationalTeam,

    /// <summary>The Local Medical Committee for an SHA area; one row per SHA code.</summary>
    Lmc,

    /// <summary>The national primary care organisations: RCGP, NAPC, NHS Alliance and FDA.</summary>
    NationalBody,

    /// <summary>The Commissioning &amp; Health Care System Research Unit; code "research".</summary>
    ResearchUnit,
}

/// <summary>One mailbox the programme writes to, e.g. the East of England SHA's reviewers (Q35).</summary>
public sealed record Partner(PartnerKind Kind, string Code, string Name, string Email)
{
    public const string NationalTeamCode = "national";
    public const string ResearchUnitCode = "research";

    /// <summary>The partner as a recipient; throws when an operator has typed an address that is not one.</summary>
    public EmailAddress ToAddress() => new(Email, Name);
}
