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
}
