using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Forms;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>
/// A valid expression of interest as a person would fill in the forms, with the form the readers must read it to.
/// Answers are plain words (no colons, which would start a new label in the text form) and lists are written with
/// commas, as the forms ask.
/// </summary>
internal sealed record FilledForm(
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<string[]> Practices,
    ExpressionOfInterestForm Expected
)
{
    private static readonly string[] Vocabulary =
    [
        "Fenland",
        "health",
        "GP",
        "St Mary's",
        "care",
        "North",
        "Ely",
        "Market Street",
        "O'Brien & Partners",
        "Ruth",
    ];

    public static Gen<FilledForm> Valid { get; } =
        from name in Words(1, 5)
        from sha in Gen.Elements(ShaCode.All.Select(s => s.Code).ToArray())
        from pcts in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Words(1, 3), n))
        from gp in Words(2, 3)
        from phone in Gen.Elements("0191 123 4567", "01632 960001", "+44 20 7946 0000")
        from codes in Gen.NonEmptyListOf(Gen.Choose(0, 99_999)).Select(l => l.Distinct().Take(30).ToList())
        from names in Gen.ArrayOf(PracticeName, codes.Count)
        from sizes in Gen.ArrayOf(Gen.Choose(1, FormLimits.ListSize), codes.Count)
        from grouped in Gen.Elements(true, false)
        from authority in Words(1, 4)
        from evidence in Gen.Three(Gen.NonEmptyListOf(Words(1, 12)).Select(l => string.Join('\n', l.Take(4))))
        from needs in Gen.NonEmptyListOf(
            Gen.Elements(Enum.GetValues<SupportNeed>().Select(SupportNeeds.Describe).ToArray())
        )
        from areas in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Words(1, 3), n))
        from optIn in Gen.Elements(true, false)
        let practices = codes
            .Select(
                (c, i) =>
                    new[]
                    {
                        $"D{c:D5}",
                        names[i],
                        sizes[i].ToString(grouped ? "N0" : "D", CultureInfo.InvariantCulture),
                    }
            )
            .ToList()
        select new FilledForm(
            new Dictionary<string, string>
            {
                ["Consortium name"] = name,
                ["SHA code"] = sha,
                ["PCT names"] = string.Join(", ", pcts),
                ["Lead GP name"] = gp,
                ["Lead GP email"] = "lead.gp@fenland.example.nhs.uk",
                ["Lead GP phone"] = phone,
                ["Local Authority"] = authority,
                ["Evidence of GP leadership and support"] = evidence.Item1,
                ["Evidence of Local Authority engagement"] = evidence.Item2,
                ["Contribution to QIPP"] = evidence.Item3,
                ["Support needs"] = string.Join(", ", needs),
                ["Areas of work"] = string.Join(", ", areas),
                ["Proposed go-live date"] = "2011-04-01",
                ["Research evaluation opt-in"] = optIn ? "Yes" : "No",
            },
            practices,
            new ExpressionOfInterestForm
            {
                ConsortiumName = name,
                ShaCode = sha,
                PctNames = [.. pcts],
                LeadGp = new LeadGpForm
                {
                    Name = gp,
                    Email = "lead.gp@fenland.example.nhs.uk",
                    Phone = phone,
                },
                Practices =
                [
                    .. practices.Select(p => new PracticeForm
                    {
                        Code = p[0],
                        Name = p[1],
                        ListSize = p[2],
                    }),
                ],
                LocalAuthority = authority,
                Evidence = new EvidenceForm
                {
                    GpLeadership = evidence.Item1,
                    LocalAuthorityEngagement = evidence.Item2,
                    QippContribution = evidence.Item3,
                },
                SupportNeeds = [.. needs],
                AreasOfWork = [.. areas],
                ProposedGoLive = "2011-04-01",
                ResearchEvaluationOptIn = optIn,
            }
        );

    /// <summary>A practice name; some hold a comma, as "Market Street Practice, Whittlesey" does.</summary>
    public static Gen<string> PracticeName { get; } =
        Gen.OneOf(Words(1, 4), from place in Words(1, 2) from town in Words(1, 1) select $"{place} Practice, {town}");

    /// <summary>The text form as a person fills it in: each answer after its label, evidence on the lines
    /// below.</summary>
    public string AsText()
    {
        var text = new StringBuilder("Dear colleagues, please find our form below.\n\n");
        foreach (var field in FormFields.All)
        {
            var answer = Answers[field.Label];
            text.Append(
                field.Kind == FieldKind.FreeText ? $"{field.Label}:\n{answer}\n\n" : $"{field.Label}: {answer}\n"
            );
        }
        text.Append("Practices:\n");
        foreach (var practice in Practices)
        {
            text.Append(string.Join(", ", practice)).Append('\n');
        }
        return text.Append("\n-- \nDr Lead\n").ToString();
    }

    private static Gen<string> Words(int min, int max) =>
        from count in Gen.Choose(min, max)
        from words in Gen.ArrayOf(Gen.Elements(Vocabulary), count)
        select string.Join(' ', words);
}
