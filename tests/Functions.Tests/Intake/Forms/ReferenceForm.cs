using System.Text.Json;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>The Fenland consortium's expression of interest: what every way of sending the sample form must read
/// to.</summary>
internal static class ReferenceForm
{
    public static readonly Dictionary<string, string> Answers = new()
    {
        ["Consortium name"] = "Fenland Health Consortium",
        ["SHA code"] = "Q35",
        ["PCT names"] = "NHS Cambridgeshire, NHS Peterborough",
        ["Lead GP name"] = "Dr Jane Lead",
        ["Lead GP email"] = "jane.lead@fenland.example.nhs.uk",
        ["Lead GP phone"] = "01354 123456",
        ["Local Authority"] = "Cambridgeshire County Council",
        ["Evidence of GP leadership and support"] =
            "All eleven member practices signed the consortium agreement\nand elected a GP board in September 2010.",
        ["Evidence of Local Authority engagement"] =
            "A joint commissioning group with the county council meets monthly.",
        ["Contribution to QIPP"] = "We lead the local urgent care QIPP workstream.",
        ["Support needs"] = "governance models, clinical and financial risk",
        ["Areas of work"] = "urgent care, long-term conditions",
        ["Proposed go-live date"] = "2011-04-01",
        ["Research evaluation opt-in"] = "Yes",
    };

    public static readonly string[][] Practices =
    [
        ["D81001", "Riverside Surgery", "8500"],
        ["D81002", "Market Street Practice, Whittlesey", "6200"],
        ["D81003", "Chatteris Medical Centre", "9100"],
    ];

    public static ExpressionOfInterestForm Form { get; } =
        new()
        {
            ConsortiumName = "Fenland Health Consortium",
            ShaCode = "Q35",
            PctNames = ["NHS Cambridgeshire", "NHS Peterborough"],
            LeadGp = new LeadGpForm
            {
                Name = "Dr Jane Lead",
                Email = "jane.lead@fenland.example.nhs.uk",
                Phone = "01354 123456",
            },
            Practices =
            [
                .. Practices.Select(p => new PracticeForm
                {
                    Code = p[0],
                    Name = p[1],
                    ListSize = p[2],
                }),
            ],
            LocalAuthority = "Cambridgeshire County Council",
            Evidence = new EvidenceForm
            {
                GpLeadership = Answers["Evidence of GP leadership and support"],
                LocalAuthorityEngagement = Answers["Evidence of Local Authority engagement"],
                QippContribution = Answers["Contribution to QIPP"],
            },
            SupportNeeds = ["governance models", "clinical and financial risk"],
            AreasOfWork = ["urgent care", "long-term conditions"],
            ProposedGoLive = "2011-04-01",
            ResearchEvaluationOptIn = true,
        };

    /// <summary>Records hold lists by reference, so two forms are compared by their JSON, field by field.</summary>
    public static void AssertIsTheReferenceForm(ExpressionOfInterestForm actual)
    {
        Assert.Equal(JsonSerializer.Serialize(Form), JsonSerializer.Serialize(actual));
        var validated = actual.Validate();
        Assert.True(validated.IsValid, string.Join("; ", validated.Problems.Select(p => $"{p.Field}: {p.Message}")));
    }
}
