using Pathfinder.Domain;

namespace Pathfinder.Functions.Partners;

/// <summary>
/// The partners the DH letter names, seeded into an empty directory. The addresses are on reserved example domains:
/// operators replace them with the real mailboxes in the table, and seeding never overwrites their edits.
/// </summary>
public static class PartnerDefaults
{
    public static IReadOnlyList<Partner> All { get; } =
    [
        .. ShaCode.All.Select(sha => new Partner(
            PartnerKind.ShaReviewers, sha.Code, $"{sha.Name} SHA pathfinder reviewers",
            $"pathfinders.{sha.Code.ToLowerInvariant()}@sha.example.nhs.uk")),
        .. ShaCode.All.Select(sha => new Partner(
            PartnerKind.Lmc, sha.Code, $"{sha.Name} Local Medical Committee",
            $"lmc.{sha.Code.ToLowerInvariant()}@lmc.example.org.uk")),
        new(PartnerKind.NationalBody, "RCGP", "Royal College of General Practitioners", "pathfinders@rcgp.example.org.uk"),
        new(PartnerKind.NationalBody, "NAPC", "National Association of Primary Care", "pathfinders@napc.example.co.uk"),
        new(PartnerKind.NationalBody, "NHSAlliance", "NHS Alliance", "pathfinders@nhsalliance.example.org"),
        new(PartnerKind.NationalBody, "FDA", "Family Doctor Association", "pathfinders@fda.example.org.uk"),
        new(PartnerKind.NationalTeam, Partner.NationalTeamCode, "GP consortia pathfinder programme, Department of Health",
            "pathfinder.programme@dh.example.gov.uk"),
        new(PartnerKind.ResearchUnit, Partner.ResearchUnitCode, "Commissioning & Health Care System Research Unit",
            "evaluation@research.example.ac.uk"),
    ];
}
