using System.Globalization;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Demo;

/// <summary>
/// Fictional consortia for the demo programme. Practice codes are unique across the demo (a letter per SHA, then the
/// consortium's number and the practice's), so no two consortia claim the same practice.
/// </summary>
public static class DemoForms
{
    private static readonly string[][] Places =
    [
        ["Tyneside", "Durham Dales", "Teesside", "Northumberland", "Sunderland", "Gateshead", "Darlington"],
        ["Salford", "Cheshire West", "Fylde", "Wirral", "Bolton", "Wigan", "Blackburn"],
        ["Leeds North", "Hull", "Wakefield", "Sheffield West", "Bradford City", "York", "Barnsley"],
        ["Nottingham City", "Rushcliffe", "Leicester East", "Derby", "Lincoln", "Northampton", "Mansfield"],
        ["Walsall", "Shropshire", "Coventry", "Dudley", "Stoke", "Herefordshire", "Solihull"],
        ["Fenland", "Ipswich", "Hertsmere", "Norwich", "Luton", "Cambridge", "Colchester"],
        ["Camden", "Lewisham", "Brent", "Hackney", "Croydon", "Ealing", "Islington"],
        ["Brighton", "East Kent", "Crawley", "Medway", "Eastbourne", "Guildford", "Maidstone"],
        ["Oxford City", "Southampton", "Reading", "Portsmouth", "Milton Keynes", "Swindon", "Winchester"],
        ["Bristol", "Cornwall West", "Exeter", "Plymouth", "Gloucester", "Bath", "Torbay"],
    ];

    private static readonly string[][] Needs =
    [
        ["governance models", "clinical and financial risk"],
        ["leadership and followership development", "working with local authorities"],
        ["working in partnership with PCTs and boards", "support services"],
        ["public engagement and involvement", "governance models"],
    ];

    /// <summary>How many consortia the demo has in each SHA.</summary>
    public static int PerSha => Places[0].Length;

    /// <summary>
    /// The form of consortium <paramref name="n"/> of the SHA, whose practices together hold
    /// <paramref name="shareOfSha"/> of the SHA's population (the reference population of 2010).
    /// </summary>
    public static ExpressionOfInterestForm Form(ShaCode sha, int n, decimal shareOfSha, int practices)
    {
        ArgumentNullException.ThrowIfNull(sha);
        var s = ShaCode.All.ToList().IndexOf(sha);
        var place = Places[s][n];
        var listSize = (long)(ReferencePopulation2010.For(sha) * shareOfSha) / practices;
        var domain = place.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return new ExpressionOfInterestForm
        {
            ConsortiumName = $"{place} GP Commissioning Consortium",
            ShaCode = sha.Code,
            PctNames = [$"NHS {place}"],
            LeadGp = new LeadGpForm
            {
                Name = $"Dr {place.Split(' ')[0]} Lead",
                Email = $"lead@{domain}.example.nhs.uk",
                Phone = "01632 960000",
            },
            Practices =
            [
                .. Enumerable
                    .Range(0, practices)
                    .Select(p => new PracticeForm
                    {
                        Code = $"{(char)('A' + s)}{n:D2}{p:D3}",
                        Name = $"{place} Practice {p + 1}",
                        ListSize = listSize.ToString(CultureInfo.InvariantCulture),
                    }),
            ],
            LocalAuthority = $"{place} Council",
            Evidence = new EvidenceForm
            {
                GpLeadership = "Every member practice signed the consortium agreement.",
                LocalAuthorityEngagement = "A joint commissioning board with the council meets monthly.",
                QippContribution = "Leads the local urgent care QIPP workstream.",
            },
            SupportNeeds = Needs[(s + n) % Needs.Length],
            AreasOfWork = n % 3 == 0 ? ["urgent care"] : ["long-term conditions", "prescribing"],
            ProposedGoLive = "2011-04-01",
            ResearchEvaluationOptIn = n % 2 == 0,
        };
    }
}
