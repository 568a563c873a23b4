namespace Pathfinder.Domain;

/// <summary>The kinds of support an applicant can ask for, as the programme listed them.</summary>
public enum SupportNeed
{
    GovernanceModels,
    ClinicalAndFinancialRisk,
    LeadershipAndFollowershipDevelopment,
    PublicEngagementAndInvolvement,
    WorkingWithLocalAuthorities,
    SupportServices,

    /// <summary>Named in the programme's first letter; added after forms were received, which still read as
    /// before.</summary>
    PartnershipWithPctsAndBoards,
}
