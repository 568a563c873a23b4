using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

/// <summary>A complete, valid expression of interest that each test spoils in the one way it is about.</summary>
internal static class Forms
{
    public static ExpressionOfInterestForm Valid() =>
        new()
        {
            ConsortiumName = "Wearside Health Commissioning",
            ShaCode = "q30",
            PctNames = ["Sunderland Teaching PCT"],
            LeadGp = new LeadGpForm
            {
                Name = "Dr Ann Smith",
                Email = "ann.smith@nhs.net",
                Phone = "0191 123 4567",
            },
            Practices =
            [
                new PracticeForm
                {
                    Code = "A89001",
                    Name = "Millfield Surgery",
                    ListSize = "8,200",
                },
                new PracticeForm
                {
                    Code = "a89002",
                    Name = "Riverside Practice",
                    ListSize = "5600",
                },
            ],
            LocalAuthority = "Sunderland City Council",
            Evidence = new EvidenceForm
            {
                GpLeadership = "All 2 practices signed up; elected board of five GPs.",
                LocalAuthorityEngagement = "Joint commissioning board with the council since 2009.",
                QippContribution = "Leads the urgent care QIPP workstream.",
            },
            SupportNeeds = ["governance models", "ClinicalAndFinancialRisk"],
            AreasOfWork = ["urgent care", "diabetes"],
            ProposedGoLive = "2011-04-01",
            ResearchEvaluationOptIn = true,
        };
}
