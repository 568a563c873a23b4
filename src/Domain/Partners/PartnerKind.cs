namespace Pathfinder.Domain;

/// <summary>Who is told what: the kinds of organisation the programme keeps informed.</summary>
public enum PartnerKind
{
    /// <summary>An SHA's reviewers' mailbox, told of each expression of interest; one per SHA (Q30 to Q39).</summary>
    ShaReviewers,

    /// <summary>The Department of Health's pathfinder programme team; one.</summary>
    NationalTeam,

    /// <summary>The Local Medical Committee for an SHA area; one per SHA.</summary>
    Lmc,

    /// <summary>The national primary care organisations: RCGP, NAPC, NHS Alliance and FDA (and any the team
    /// adds).</summary>
    NationalBody,

    /// <summary>The Commissioning &amp; Health Care System Research Unit; one.</summary>
    ResearchUnit,
}
