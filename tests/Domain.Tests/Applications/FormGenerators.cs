using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Pathfinder.Domain.Tests.Applications;

/// <summary>
/// Expressions of interest for property tests: anything at all (what a careless or hostile sender might type), and
/// valid ones built from plausible answers. Sizes stay small so a property runs in well under a second.
/// </summary>
internal static class FormGenerators
{
    /// <summary>Text that has broken form readers elsewhere: markup, header injection, control and odd
    /// Unicode.</summary>
    public static readonly string[] Hostile =
    [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "Wearside\r\nBcc: attacker@evil.example",
        "\r\n\r\n",
        "\0",
        "\u202Eevil",
        "\uFFFF\uD800",
        "😀 Practice",
        "O'Brien & Partners",
        "1e9",
        "-0",
        "NaN",
        "12,,345",
        "2011-02-30",
        "31/02/2011",
        "q3５",
        "Ｑ35",
        "D8100１",
        "ann@@nhs.net",
        "@nhs.net",
        "ann@nhs.",
    ];

    // Declared first: the generators below are built from it when the class initialises.
    public static Gen<string> ValidPracticeCode { get; } =
        from letter in Gen.Elements("ABCDEFGHJKLMNPY".ToCharArray())
        from digits in Gen.Choose(0, 99_999)
        select $"{letter}{digits:D5}";

    /// <summary>Any text, including null, blank, hostile and longer than every limit.</summary>
    public static Gen<string?> AnyText { get; } =
        Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (1, Gen.Elements<string?>("", "   ", "\t\r\n ")),
            (4, ArbMap.Default.GeneratorFor<string>().Select(s => (string?)s)),
            (2, Gen.Elements<string?>(Hostile)),
            (
                1,
                from length in Gen.Choose(190, 4_200)
                from c in Gen.Elements('a', ' ', '\n', 'é', '<')
                select (string?)new string(c, length)
            )
        );

    public static Gen<string?> ShaCode { get; } =
        Gen.OneOf(Gen.Elements<string?>("Q30", "q35", " Q39 ", "Q36"), AnyText);

    public static Gen<string?> PracticeCode { get; } = Gen.OneOf(ValidPracticeCode.Select(c => (string?)c), AnyText);

    public static Gen<string?> ListSize { get; } =
        Gen.OneOf(
            Gen.Choose(-10, 1_200_000).Select(n => (string?)n.ToString("N0", CultureInfo.InvariantCulture)),
            Gen.Choose(1, 20_000).Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)),
            AnyText
        );

    public static Gen<PracticeForm?> Practice { get; } =
        Gen.Frequency(
            (1, Gen.Constant<PracticeForm?>(null)),
            (
                9,
                from code in PracticeCode
                from name in Gen.OneOf(Gen.Constant<string?>("Riverside Surgery"), AnyText)
                from size in ListSize
                select (PracticeForm?)
                    new PracticeForm
                    {
                        Code = code,
                        Name = name,
                        ListSize = size,
                    }
            )
        );

    public static Gen<IReadOnlyList<string?>?> TextList(Gen<string?> item) =>
        Gen.Frequency(
            (1, Gen.Constant<IReadOnlyList<string?>?>(null)),
            (6, Gen.ListOf(item).Select(l => (IReadOnlyList<string?>?)[.. l]))
        );

    /// <summary>A form where every answer may be anything, or missing.</summary>
    public static Gen<ExpressionOfInterestForm> AnyForm { get; } =
        from names in Gen.Four(Gen.OneOf(Gen.Constant<string?>("Wearside Health"), AnyText))
        from sha in ShaCode
        from pcts in TextList(AnyText)
        from contact in Gen.Three(AnyText)
        from email in Gen.OneOf(Gen.Constant<string?>("ann.smith@nhs.net"), AnyText)
        from phone in Gen.OneOf(Gen.Constant<string?>("0191 123 4567"), AnyText)
        from practices in Gen.Frequency(
            (1, Gen.Constant<IReadOnlyList<PracticeForm?>?>(null)),
            (8, Gen.ListOf(Practice).Select(l => (IReadOnlyList<PracticeForm?>?)[.. l])),
            (1, Gen.Constant<IReadOnlyList<PracticeForm?>?>(ManyPractices(FormLimits.Practices + 1)))
        )
        from needs in TextList(Gen.OneOf(Gen.Elements<string?>("governance", "Support services"), AnyText))
        from areas in TextList(AnyText)
        from goLive in Gen.OneOf(Gen.Elements<string?>("2011-04-01", "1/4/2011"), AnyText)
        from optIn in Gen.Elements<bool?>(null, true, false)
        select new ExpressionOfInterestForm
        {
            ConsortiumName = names.Item1,
            ShaCode = sha,
            PctNames = pcts,
            LeadGp =
                contact.Item1 == ""
                    ? null
                    : new LeadGpForm
                    {
                        Name = contact.Item2,
                        Email = email,
                        Phone = phone,
                    },
            Practices = practices,
            LocalAuthority = names.Item2,
            Evidence =
                contact.Item3 == ""
                    ? null
                    : new EvidenceForm
                    {
                        GpLeadership = names.Item3,
                        LocalAuthorityEngagement = names.Item4,
                        QippContribution = contact.Item3,
                    },
            SupportNeeds = needs,
            AreasOfWork = areas,
            ProposedGoLive = goLive,
            ResearchEvaluationOptIn = optIn,
        };

    /// <summary>A valid form: plausible answers within every limit, practice codes each listed once.</summary>
    public static Gen<ExpressionOfInterestForm> ValidForm { get; } =
        from name in Words(1, 6)
        from sha in Gen.Elements(Domain.ShaCode.All.Select(s => s.Code).ToArray())
        from pcts in Gen.NonEmptyListOf(Words(1, 4)).Select(l => l.Take(FormLimits.PctNames).ToList())
        from gp in Words(2, 3)
        from user in Gen.Elements("ann.smith", "j.lead", "gp")
        from phone in Gen.Elements("0191 123 4567", "01632 960001", "+44 20 7946 0000", "(01354) 123-456")
        from codes in Gen.NonEmptyListOf(ValidPracticeCode).Select(l => l.Distinct().ToList())
        from practiceNames in Gen.ArrayOf(Words(1, 4), codes.Count)
        from sizes in Gen.ArrayOf(Gen.Choose(1, FormLimits.ListSize), codes.Count)
        from authority in Words(1, 4)
        from evidence in Gen.Three(Words(1, 40))
        from needs in Gen.SubListOf(Enum.GetValues<SupportNeed>())
        from areas in Gen.ListOf(Words(1, 3)).Select(l => l.Take(FormLimits.AreasOfWork).ToList())
        from goLive in Gen.Choose(0, 800).Select(d => new DateOnly(2011, 1, 1).AddDays(d))
        from optIn in Gen.Elements(true, false)
        select new ExpressionOfInterestForm
        {
            ConsortiumName = name,
            ShaCode = sha,
            PctNames = [.. pcts],
            LeadGp = new LeadGpForm
            {
                Name = gp,
                Email = $"{user}@nhs.net",
                Phone = phone,
            },
            Practices =
            [
                .. codes.Select(
                    (code, i) =>
                        new PracticeForm
                        {
                            Code = code,
                            Name = practiceNames[i],
                            ListSize = sizes[i].ToString(CultureInfo.InvariantCulture),
                        }
                ),
            ],
            LocalAuthority = authority,
            Evidence = new EvidenceForm
            {
                GpLeadership = evidence.Item1,
                LocalAuthorityEngagement = evidence.Item2,
                QippContribution = evidence.Item3,
            },
            SupportNeeds = [.. needs.Select(n => n.ToString())],
            AreasOfWork = [.. areas],
            ProposedGoLive = goLive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ResearchEvaluationOptIn = optIn,
        };

    private static Gen<string> Words(int min, int max) =>
        from count in Gen.Choose(min, max)
        from words in Gen.ArrayOf(
            Gen.Elements("Fenland", "health", "GP", "St Mary's", "care", "North", "Ely", "QIPP"),
            count
        )
        select string.Join(' ', words);

    private static PracticeForm[] ManyPractices(int count) =>
        [
            .. Enumerable
                .Range(0, count)
                .Select(i => new PracticeForm
                {
                    Code = $"D{i:D5}",
                    Name = "Practice",
                    ListSize = "1000",
                }),
        ];
}
