using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

public sealed class ExpressionOfInterestValidatorTests
{
    [Fact]
    public void Validate_CompleteForm_GivesTheExpressionOfInterest()
    {
        var result = Forms.Valid().Validate();

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var eoi = result.Value;
        Assert.Equal("Wearside Health Commissioning", eoi.ConsortiumName);
        Assert.Equal(ShaCode.NorthEast, eoi.Sha);
        Assert.Equal(["Sunderland Teaching PCT"], eoi.PctNames);
        Assert.Equal(new LeadGp("Dr Ann Smith", "ann.smith@nhs.net", "0191 123 4567"), eoi.LeadGp);
        Assert.Equal(["A89001", "A89002"], eoi.Practices.Select(p => p.Code.Value));
        Assert.Equal([8200, 5600], eoi.Practices.Select(p => p.ListSize));
        Assert.Equal(13_800, eoi.RegisteredPopulation);
        Assert.Equal("Sunderland City Council", eoi.LocalAuthority);
        Assert.Equal("Leads the urgent care QIPP workstream.", eoi.Evidence.QippContribution);
        Assert.Equal(
            new HashSet<SupportNeed> { SupportNeed.GovernanceModels, SupportNeed.ClinicalAndFinancialRisk },
            eoi.SupportNeeds
        );
        Assert.Equal(["urgent care", "diabetes"], eoi.AreasOfWork);
        Assert.Equal(new DateOnly(2011, 4, 1), eoi.ProposedGoLive);
        Assert.True(eoi.ResearchEvaluationOptIn);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_TextIsTrimmed()
    {
        var form = Forms.Valid() with { ConsortiumName = "  Wearside  ", LocalAuthority = " Sunderland\n" };

        var eoi = form.Validate().Value!;

        Assert.Equal("Wearside", eoi.ConsortiumName);
        Assert.Equal("Sunderland", eoi.LocalAuthority);
    }

    [Fact]
    public void Validate_EmptyForm_ReportsEveryMissingPartAtOnce()
    {
        var result = new ExpressionOfInterestForm().Validate();

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                new("consortiumName", "Give the consortium's name."),
                new("shaCode", "Say which Strategic Health Authority the consortium belongs to (Q30 to Q39)."),
                new("pctNames", "Name at least one Primary Care Trust (PCT) the consortium works with."),
                new("leadGp.name", "Say who the lead GP is."),
                new("leadGp.email", "Give the lead GP's email address."),
                new("leadGp.phone", "Give a phone number for the lead GP."),
                new("practices", "List the member practices: at least one."),
                new("localAuthority", "Name the Local Authority the consortium works with."),
                new("evidence.gpLeadership", "Describe the evidence of local GP leadership and support."),
                new(
                    "evidence.localAuthorityEngagement",
                    "Describe the evidence of the consortium's engagement with the Local Authority."
                ),
                new(
                    "evidence.qippContribution",
                    "Describe how the consortium will contribute to the local QIPP agenda "
                        + "(quality, innovation, productivity and prevention)."
                ),
            ],
            result.Problems
        );
    }

    [Fact]
    public void Validate_SeveralMistakes_AreAllReportedWithTheirFields()
    {
        var form = Forms.Valid() with
        {
            ShaCode = "Q40",
            Practices =
            [
                new PracticeForm
                {
                    Code = "A89001",
                    Name = "Millfield Surgery",
                    ListSize = "8200",
                },
                new PracticeForm
                {
                    Code = "A89002",
                    Name = "Riverside Practice",
                    ListSize = "5600",
                },
                new PracticeForm
                {
                    Code = "D8100",
                    Name = "",
                    ListSize = "abc",
                },
            ],
            ProposedGoLive = "31/02/2011",
        };

        var result = form.Validate();

        Assert.Equal(
            [
                new(
                    "shaCode",
                    "'Q40' is not one of the ten Strategic Health Authorities; use a code from Q30 to Q39, "
                        + "for example Q35 for East of England."
                ),
                new(
                    "practices[2].code",
                    "practice code 'D8100' is not of the form A12345 (one letter and five digits)"
                ),
                new("practices[2].name", "Give the name of practice 3 in the list."),
                new("practices[2].listSize", "list size 'abc' is not a whole number"),
                new(
                    "proposedGoLive",
                    "proposed go-live date '31/02/2011' is not a date; write it like 2011-04-01 or 01/04/2011"
                ),
            ],
            result.Problems
        );
    }

    [Theory]
    [InlineData("0", "list size '0' must be more than zero")]
    [InlineData("-40", "list size '-40' must be more than zero")]
    [InlineData("12.5", "list size '12.5' is not a whole number")]
    [InlineData("2,000,000", "list size '2,000,000' is more than any practice has (the limit is 1,000,000)")]
    [InlineData(" ", "Give the registered list size of practice A89001 (the number of patients).")]
    public void Validate_BadListSize_IsExplained(string listSize, string message)
    {
        var form = Forms.Valid() with
        {
            Practices =
            [
                new PracticeForm
                {
                    Code = "A89001",
                    Name = "Millfield Surgery",
                    ListSize = listSize,
                },
            ],
        };

        var result = form.Validate();

        Assert.Equal([new ValidationProblem("practices[0].listSize", message)], result.Problems);
    }

    [Fact]
    public void Validate_SamePracticeTwice_IsAProblemOnTheRepeat()
    {
        var form = Forms.Valid() with
        {
            Practices =
            [
                new PracticeForm
                {
                    Code = "A89001",
                    Name = "Millfield Surgery",
                    ListSize = "8200",
                },
                new PracticeForm
                {
                    Code = "A89002",
                    Name = "Riverside Practice",
                    ListSize = "5600",
                },
                new PracticeForm
                {
                    Code = " a89001",
                    Name = "Millfield (branch)",
                    ListSize = "300",
                },
            ],
        };

        var result = form.Validate();

        Assert.Equal(
            [
                new ValidationProblem(
                    "practices[2].code",
                    "practice A89001 is listed twice (it is also practice 1 in the list)."
                ),
            ],
            result.Problems
        );
    }

    [Fact]
    public void Validate_MissingPracticeEntry_AsksForEachPart()
    {
        var form = Forms.Valid() with { Practices = [null] };

        var fields = form.Validate().Problems.Select(p => p.Field);

        Assert.Equal(["practices[0].code", "practices[0].name", "practices[0].listSize"], fields);
    }

    [Fact]
    public void Validate_UnknownSupportNeed_IsReportedAtItsPosition()
    {
        var form = Forms.Valid() with { SupportNeeds = ["support services", "money", "clinical & financial risk"] };

        var problem = Assert.Single(form.Validate().Problems);

        Assert.Equal("supportNeeds[1]", problem.Field);
        Assert.StartsWith("'money' is not a support need we know; choose from: governance models,", problem.Message);
    }

    [Fact]
    public void Validate_SupportNeedsAndAreasOfWork_MayBeLeftOut()
    {
        var form = Forms.Valid() with { SupportNeeds = null, AreasOfWork = [" ", ""], ResearchEvaluationOptIn = null };

        var eoi = form.Validate().Value!;

        Assert.Empty(eoi.SupportNeeds);
        Assert.Empty(eoi.AreasOfWork);
        Assert.False(eoi.ResearchEvaluationOptIn);
    }

    [Fact]
    public void Validate_OnlyBlankPctNames_IsLikeNone()
    {
        var form = Forms.Valid() with { PctNames = ["  ", null] };

        var problem = Assert.Single(form.Validate().Problems);

        Assert.Equal("pctNames", problem.Field);
    }

    [Theory]
    [InlineData("2011-04-01")]
    [InlineData("01/04/2011")]
    [InlineData("1/4/2011")]
    public void Validate_ProposedGoLive_IsReadAsIsoOrUkDate(string typed)
    {
        var form = Forms.Valid() with { ProposedGoLive = typed };

        Assert.Equal(new DateOnly(2011, 4, 1), form.Validate().Value!.ProposedGoLive);
    }

    [Theory]
    [InlineData("ann smith", "'ann smith' is not an email address (it should look like name@nhs.net).")]
    [InlineData("ann.smith@nhs", "'ann.smith@nhs' is not an email address (it should look like name@nhs.net).")]
    [InlineData("a@b@nhs.net", "'a@b@nhs.net' is not an email address (it should look like name@nhs.net).")]
    public void Validate_EmailThatIsNotOne_IsRefused(string email, string message)
    {
        var form = Forms.Valid() with { LeadGp = Forms.Valid().LeadGp! with { Email = email } };

        Assert.Equal([new ValidationProblem("leadGp.email", message)], form.Validate().Problems);
    }

    [Theory]
    [InlineData("0191 123 4567", true)]
    [InlineData("01632 960001", true)]
    [InlineData("+44 191 123 4567", true)]
    [InlineData("(0191) 123-4567", true)]
    [InlineData("123", false)]
    [InlineData("call the surgery", false)]
    [InlineData("+33 1 23 45 67 89", false)]
    public void Validate_LeadGpPhone_MustBeAUkNumber(string phone, bool accepted)
    {
        var form = Forms.Valid() with { LeadGp = Forms.Valid().LeadGp! with { Phone = phone } };

        var problems = form.Validate().Problems;

        if (accepted)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal(
                [
                    new ValidationProblem(
                        "leadGp.phone",
                        $"phone number '{phone}' is not a UK phone number (10 or 11 digits, like 0191 123 4567)."
                    ),
                ],
                problems
            );
        }
    }

    [Fact]
    public void Validate_TextOverItsLimit_SaysHowLongItIsAndTheLimit()
    {
        var form = Forms.Valid() with
        {
            ConsortiumName = new string('W', FormLimits.ConsortiumNameLength + 1),
            Evidence = Forms.Valid().Evidence! with { QippContribution = new string('q', 4500) },
        };

        var problems = form.Validate().Problems;

        Assert.Equal(
            [
                new("consortiumName", "The consortium name is 201 characters long; keep it to 200."),
                new(
                    "evidence.qippContribution",
                    "The contribution to QIPP is 4,500 characters long; keep it to 4,000."
                ),
            ],
            problems
        );
    }

    [Fact]
    public void Validate_TextAtItsLimit_IsAccepted()
    {
        var form = Forms.Valid() with
        {
            Evidence = Forms.Valid().Evidence! with { GpLeadership = new string('g', FormLimits.EvidenceLength) },
        };

        Assert.True(form.Validate().IsValid);
    }

    [Fact]
    public void Validate_TooManyAreasOfWork_IsAProblem()
    {
        var form = Forms.Valid() with
        {
            AreasOfWork = [.. Enumerable.Range(1, FormLimits.AreasOfWork + 1).Select(i => $"area {i}")],
        };

        Assert.Equal(
            [new ValidationProblem("areasOfWork", "List at most 50 areas of work; there are 51.")],
            form.Validate().Problems
        );
    }

    [Fact]
    public void Validate_MegabyteTypedIntoThePhoneBox_QuotesOnlyItsStartOnOneLine()
    {
        var pasted = "Our phone\r\nBcc: x@evil.example " + new string('9', 1_000_000);
        var form = Forms.Valid() with { LeadGp = Forms.Valid().LeadGp! with { Phone = pasted } };

        var phone = form.Validate().Problems.Where(p => p.Field == "leadGp.phone").Select(p => p.Message).ToList();

        Assert.Equal(
            [
                "The lead GP's phone number is 1,000,031 characters long; keep it to 30.",
                "phone number 'Our phone Bcc: x@evil.example 999999999999999999999999999...' is not a UK phone number "
                    + "(10 or 11 digits, like 0191 123 4567).",
            ],
            phone
        );
    }
}
