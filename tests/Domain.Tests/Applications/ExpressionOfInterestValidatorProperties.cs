using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Pathfinder.Domain.Tests.Applications;

/// <summary>
/// What holds of the validator for every form, not only the ones we thought of: it never throws, an invalid form
/// always names at least one field to fix, and a valid form stays valid however it is passed on.
/// </summary>
public sealed partial class ExpressionOfInterestValidatorProperties
{
    /// <summary>A problem quotes what was typed, shortened: a pasted page must not come back in every reply.</summary>
    private const int LongestMessage = 400;

    [Fact]
    public void Validate_AnyForm_NeverThrows_AndAnInvalidOneNamesEachProblemByItsField()
    {
        Check(FormGenerators.AnyForm, form =>
        {
            var result = form.Validate();

            Assert.Equal(result.IsValid, result.Problems.Count == 0);
            Assert.All(result.Problems, problem =>
            {
                Assert.Matches(FormField(), problem.Field);
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
                Assert.InRange(problem.Message.Length, 1, LongestMessage);
            });
        });
    }

    [Fact]
    public void Validate_ValidForm_IsValid_AndStaysValidThroughJsonAndBackFromWhatItBecame()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Check(FormGenerators.ValidForm, form =>
        {
            var first = form.Validate();
            Assert.True(first.IsValid, string.Join("; ", first.Problems));

            var sent = JsonSerializer.Deserialize<ExpressionOfInterestForm>(
                JsonSerializer.Serialize(form, json),
                json
            )!;
            var again = FormOf(first.Value).Validate();

            Assert.Equal(Describe(first.Value), Describe(sent.Validate().Value!));
            Assert.True(again.IsValid, string.Join("; ", again.Problems));
            Assert.Equal(Describe(first.Value), Describe(again.Value));
        });
    }

    [Fact]
    public void Validate_ValidFormWithSpacesAroundEveryAnswer_ReadsTheSame()
    {
        Check(FormGenerators.ValidForm, form =>
        {
            var padded = form with
            {
                ConsortiumName = $"  {form.ConsortiumName}\n",
                ShaCode = $"\t{form.ShaCode} ",
                PctNames = [.. form.PctNames!.Select(p => $" {p} "), "   "],
                LeadGp = new LeadGpForm
                {
                    Name = $" {form.LeadGp!.Name}",
                    Email = $"{form.LeadGp.Email} ",
                    Phone = $" {form.LeadGp.Phone} ",
                },
                LocalAuthority = $"\r\n{form.LocalAuthority}",
            };

            Assert.Equal(Describe(form.Validate().Value!), Describe(padded.Validate().Value!));
        });
    }

    [Fact]
    public void Validate_ValidFormSpoiltInOneAnswer_NamesThatAnswer()
    {
        var spoils = Gen.Elements<(
            string Field,
            Func<ExpressionOfInterestForm, string, ExpressionOfInterestForm> Spoil
        )>(
            ("consortiumName", (f, s) => f with { ConsortiumName = s }),
            ("shaCode", (f, s) => f with { ShaCode = s }),
            ("leadGp.name", (f, s) => f with { LeadGp = f.LeadGp! with { Name = s } }),
            ("leadGp.email", (f, s) => f with { LeadGp = f.LeadGp! with { Email = s } }),
            ("leadGp.phone", (f, s) => f with { LeadGp = f.LeadGp! with { Phone = s } }),
            ("localAuthority", (f, s) => f with { LocalAuthority = s }),
            ("evidence.gpLeadership", (f, s) => f with { Evidence = f.Evidence! with { GpLeadership = s } }),
            ("practices[0].code", (f, s) => f with { Practices = [f.Practices![0]! with { Code = s }] }),
            ("practices[0].listSize", (f, s) => f with { Practices = [f.Practices![0]! with { ListSize = s }] })
        );
        // Blank, or longer than any answer may be: wrong for every one of these answers.
        var spoilt = Gen.OneOf(
            Gen.Elements("", " ", "\r\n"),
            Gen.Choose(4_001, 20_000).Select(n => new string('<', n))
        );
        var cases =
            from form in FormGenerators.ValidForm
            from spoil in spoils
            from text in spoilt
            select (Form: spoil.Spoil(form, text), spoil.Field);

        Check(cases, c =>
        {
            var result = c.Form.Validate();

            Assert.False(result.IsValid);
            Assert.Contains(result.Problems, p => p.Field == c.Field);
        });
    }

    private static void Check<T>(Gen<T> cases, Action<T> property) =>
        Prop.ForAll(cases.ToArbitrary(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(150).WithEndSize(20));

    /// <summary>The form a valid expression of interest would be sent as again (e.g. after a reviewer's
    /// edit).</summary>
    private static ExpressionOfInterestForm FormOf(ExpressionOfInterest eoi) =>
        new()
        {
            ConsortiumName = eoi.ConsortiumName,
            ShaCode = eoi.Sha.Code,
            PctNames = [.. eoi.PctNames],
            LeadGp = new LeadGpForm
            {
                Name = eoi.LeadGp.Name,
                Email = eoi.LeadGp.Email,
                Phone = eoi.LeadGp.Phone,
            },
            Practices =
            [
                .. eoi.Practices.Select(p => new PracticeForm
                {
                    Code = p.Code.Value,
                    Name = p.Name,
                    ListSize = p.ListSize.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                }),
            ],
            LocalAuthority = eoi.LocalAuthority,
            Evidence = new EvidenceForm
            {
                GpLeadership = eoi.Evidence.GpLeadership,
                LocalAuthorityEngagement = eoi.Evidence.LocalAuthorityEngagement,
                QippContribution = eoi.Evidence.QippContribution,
            },
            SupportNeeds = [.. eoi.SupportNeeds.Select(SupportNeeds.Describe)],
            AreasOfWork = [.. eoi.AreasOfWork],
            ProposedGoLive = eoi.ProposedGoLive?.ToString(
                "d/M/yyyy",
                System.Globalization.CultureInfo.InvariantCulture
            ),
            ResearchEvaluationOptIn = eoi.ResearchEvaluationOptIn,
        };

    /// <summary>Records hold lists and sets by reference, so two are compared by their JSON.</summary>
    private static string Describe(ExpressionOfInterest eoi) =>
        JsonSerializer.Serialize(eoi with { SupportNeeds = new SortedSet<SupportNeed>(eoi.SupportNeeds) });

    [GeneratedRegex(
        @"^(consortiumName|shaCode|pctNames(\[\d+\])?|leadGp\.(name|email|phone)"
            + @"|practices(\[\d+\]\.(code|name|listSize))?"
            + @"|localAuthority|evidence\.(gpLeadership|localAuthorityEngagement|qippContribution)|supportNeeds\[\d+\]"
            + @"|areasOfWork(\[\d+\])?|proposedGoLive)$"
    )]
    private static partial Regex FormField();
}
