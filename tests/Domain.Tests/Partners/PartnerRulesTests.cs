using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Partners;

public sealed class PartnerRulesTests
{
    private static readonly KnownPartner EastLmc = new(
        "lmc-q35",
        new PartnerDetails(PartnerKind.Lmc, ShaCode.EastOfEngland, "Cambridgeshire LMC", ["lmc@cambs.example.org.uk"])
    );

    private static readonly KnownPartner Rcgp = new(
        "rcgp",
        new PartnerDetails(
            PartnerKind.NationalBody,
            null,
            "Royal College of General Practitioners",
            ["gp@rcgp.example.org.uk"]
        )
    );

    private static readonly KnownPartner Team = new(
        "team",
        new PartnerDetails(PartnerKind.NationalTeam, null, "Pathfinder programme", ["team@dh.example.gov.uk"])
    );

    private static IReadOnlyList<ValidationProblem> Problems(PartnerDraft draft, params KnownPartner[] others) =>
        PartnerRules.Validate(draft, others).Problems;

    [Fact]
    public void AnLmcWithItsShaNameAndAddresses_IsValid_Trimmed()
    {
        var valid = PartnerRules.Validate(
            new PartnerDraft("lmc", " q36 ", " London LMCs ", [" a@lmc.example.org.uk ", "b@lmc.example.org.uk"]),
            [EastLmc]
        );

        Assert.True(valid.IsValid);
        Assert.Equal(
            new PartnerDetails(
                PartnerKind.Lmc,
                ShaCode.London,
                "London LMCs",
                ["a@lmc.example.org.uk", "b@lmc.example.org.uk"]
            ),
            valid.Value
        );
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("lmc@localhost")]
    [InlineData("Cambs LMC <lmc@cambs.example.org.uk>")]
    [InlineData("lmc@@cambs.example.org.uk")]
    [InlineData("lmc@cambs.example.org.uk.")]
    public void AMalformedAddress_IsAProblemAtItsIndex(string address)
    {
        var problem = Assert.Single(
            Problems(new PartnerDraft("lmc", "Q36", "London LMCs", ["ok@lmc.example.org.uk", address]))
        );

        Assert.Equal("addresses[1]", problem.Field);
        Assert.Contains("is not an email address", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAddress_TheSameAddressTwice_AndTooMany_AreProblems()
    {
        Assert.Equal("addresses", Assert.Single(Problems(new PartnerDraft("nationalBody", null, "BMA", []))).Field);
        var twice = Assert.Single(
            Problems(new PartnerDraft("nationalBody", null, "BMA", ["a@bma.example.org", "A@bma.example.org"]))
        );
        Assert.Equal("addresses[1]", twice.Field);
        Assert.Contains("listed twice", twice.Message, StringComparison.Ordinal);
        var many = Enumerable
            .Range(0, PartnerRules.MaxAddresses + 1)
            .Select(i => (string?)$"a{i}@bma.example.org")
            .ToList();
        Assert.Equal("addresses", Assert.Single(Problems(new PartnerDraft("nationalBody", null, "BMA", many))).Field);
    }

    [Theory]
    [InlineData("Q99")]
    [InlineData("East of England")]
    public void AnUnknownSha_IsAProblem(string sha)
    {
        var problem = Assert.Single(
            Problems(new PartnerDraft("shaReviewers", sha, "Reviewers", ["r@sha.example.nhs.uk"]))
        );

        Assert.Equal("sha", problem.Field);
        Assert.Contains("is not one of the ten SHAs", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APerShaKindWithoutSha_AndANationalBodyWithOne_AreProblems()
    {
        Assert.Equal(
            "sha",
            Assert.Single(Problems(new PartnerDraft("lmc", " ", "LMC", ["l@lmc.example.org.uk"]))).Field
        );
        var body = Assert.Single(Problems(new PartnerDraft("nationalBody", "Q35", "BMA", ["b@bma.example.org"])));
        Assert.Equal("sha", body.Field);
        Assert.Contains("leave the SHA empty", body.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Programme, Department of Health")]
    [InlineData("LMC; Cambridgeshire")]
    [InlineData("Cambridgeshire\r\nBcc: everyone@example.org")]
    [InlineData("Cambridgeshire\tLMC")]
    [InlineData("Cambridgeshire\u0007LMC")]
    public void ANameSendGridRefuses_IsAProblem(string name)
    {
        var problem = Assert.Single(Problems(new PartnerDraft("lmc", "Q36", name, ["l@lmc.example.org.uk"])));

        Assert.Equal("name", problem.Field);
    }

    [Fact]
    public void ABlankOrOverlongName_IsAProblem()
    {
        Assert.Equal(
            "name",
            Assert.Single(Problems(new PartnerDraft("lmc", "Q36", "  ", ["l@lmc.example.org.uk"]))).Field
        );
        Assert.Equal(
            "name",
            Assert
                .Single(
                    Problems(
                        new PartnerDraft(
                            "lmc",
                            "Q36",
                            new string('x', PartnerRules.NameLength + 1),
                            ["l@lmc.example.org.uk"]
                        )
                    )
                )
                .Field
        );
    }

    [Fact]
    public void ASecondLmcForAnSha_IsADuplicateNamingTheFirst()
    {
        var problem = Assert.Single(
            Problems(new PartnerDraft("lmc", "q35", "Another LMC", ["x@lmc.example.org.uk"]), EastLmc)
        );

        Assert.Equal("sha", problem.Field);
        Assert.Contains("Cambridgeshire LMC", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANationalBodyNamedAsAnother_InAnyCaseOrSpacing_IsADuplicate()
    {
        var problem = Assert.Single(
            Problems(
                new PartnerDraft(
                    "nationalBody",
                    null,
                    "royal  college of general practitioners",
                    ["x@rcgp.example.org.uk"]
                ),
                Rcgp
            )
        );

        Assert.Equal("name", problem.Field);
    }

    [Fact]
    public void ASecondNationalTeam_IsADuplicate_ButAReviewersMailboxForTheLmcsSha_IsNot()
    {
        Assert.Equal(
            "kind",
            Assert
                .Single(Problems(new PartnerDraft("nationalTeam", null, "Team two", ["t2@dh.example.gov.uk"]), Team))
                .Field
        );
        Assert.Empty(Problems(new PartnerDraft("shaReviewers", "Q35", "Reviewers", ["r@sha.example.nhs.uk"]), EastLmc));
    }

    [Fact]
    public void AChange_KeepsItsKind_AndIsNotADuplicateOfItself()
    {
        // The caller leaves the partner being changed out of the others.
        var changed = PartnerRules.Validate(
            new PartnerDraft(null, "Q35", "Cambridgeshire LMC", ["new@cambs.example.org.uk"]),
            [],
            PartnerKind.Lmc
        );
        var kindChanged = PartnerRules.Validate(
            new PartnerDraft("nationalBody", "Q35", "Cambridgeshire LMC", ["new@cambs.example.org.uk"]),
            [],
            PartnerKind.Lmc
        );

        Assert.True(changed.IsValid);
        Assert.Equal("kind", Assert.Single(kindChanged.Problems).Field);
    }

    [Fact]
    public void AnUnknownOrMissingKind_IsAProblem_AndEveryProblemIsReportedAtOnce()
    {
        var problems = Problems(new PartnerDraft("newspaper", null, "A, B", ["nope"]));

        Assert.Equal(["kind", "name", "addresses[0]"], problems.Select(p => p.Field));
        Assert.Equal("kind", Assert.Single(Problems(new PartnerDraft(null, null, "X", ["x@x.example.org"]))).Field);
    }

    [Fact]
    public void Changes_SayWhatChanged()
    {
        var before = EastLmc.Details;
        var after = before with { Addresses = ["new@cambs.example.org.uk"] };

        Assert.Equal(
            ["Addresses: lmc@cambs.example.org.uk to new@cambs.example.org.uk"],
            PartnerRules.Changes(before, after)
        );
        Assert.Empty(PartnerRules.Changes(before, before with { Addresses = ["lmc@cambs.example.org.uk"] }));
    }

    [Fact]
    public void Missing_ListsEachShaWithoutItsLmcOrReviewersMailbox()
    {
        Assert.Equal(20, PartnerRules.Missing([]).Count);
        var missing = PartnerRules.Missing([EastLmc.Details, Rcgp.Details]);

        Assert.Equal(19, missing.Count);
        Assert.DoesNotContain((ShaCode.EastOfEngland, PartnerKind.Lmc), missing);
        Assert.Contains((ShaCode.EastOfEngland, PartnerKind.ShaReviewers), missing);
    }
}
