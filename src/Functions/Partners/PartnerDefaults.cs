using Pathfinder.Domain;

namespace Pathfinder.Functions.Partners;

/// <summary>
/// Example partners for the demo (<c>Demo:Load</c>) and the tests (<c>Partners:LoadExamples</c>): the bodies the DH
/// letter names, on reserved example domains. A real deployment starts with none, and the national team adds the
/// real ones on <c>/national/partners</c>. Their ids are fixed, so loading them again adds only those missing (and
/// never one the team has removed).
/// </summary>
public static class PartnerDefaults
{
    /// <summary>Who the examples' history says added them.</summary>
    public const string AddedBy = "Example partners";

    public static IReadOnlyList<(string Id, PartnerDetails Details)> All { get; } =
    [
        .. ShaCode.All.Select(sha =>
            (
                $"reviewers-{sha.Code.ToLowerInvariant()}",
                new PartnerDetails(
                    PartnerKind.ShaReviewers,
                    sha,
                    $"{sha.Name} SHA pathfinder reviewers",
                    [$"pathfinders.{sha.Code.ToLowerInvariant()}@sha.example.nhs.uk"]
                )
            )
        ),
        .. ShaCode.All.Select(sha =>
            (
                $"lmc-{sha.Code.ToLowerInvariant()}",
                new PartnerDetails(
                    PartnerKind.Lmc,
                    sha,
                    $"{sha.Name} Local Medical Committee",
                    [$"lmc.{sha.Code.ToLowerInvariant()}@lmc.example.org.uk"]
                )
            )
        ),
        Body("rcgp", "Royal College of General Practitioners", "pathfinders@rcgp.example.org.uk"),
        Body("napc", "National Association of Primary Care", "pathfinders@napc.example.co.uk"),
        Body("nhs-alliance", "NHS Alliance", "pathfinders@nhsalliance.example.org"),
        Body("fda", "Family Doctor Association", "pathfinders@fda.example.org.uk"),
        (
            "national-team",
            new PartnerDetails(
                PartnerKind.NationalTeam,
                null,
                "GP consortia pathfinder programme - Department of Health",
                ["pathfinder.programme@dh.example.gov.uk"]
            )
        ),
        (
            "research-unit",
            new PartnerDetails(
                PartnerKind.ResearchUnit,
                null,
                "Commissioning & Health Care System Research Unit",
                ["evaluation@research.example.ac.uk"]
            )
        ),
    ];

    private static (string, PartnerDetails) Body(string id, string name, string address) =>
        (id, new PartnerDetails(PartnerKind.NationalBody, null, name, [address]));
}
