using Azure.Data.Tables;
using Pathfinder.Functions.Partners;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Partners;

public sealed class PartnerDirectoryTests
{
    private readonly TableServiceClient _service = new(Azurite.Shared.ConnectionString);
    private readonly string _tableName = Azurite.UniqueName("Partners");

    private PartnerDirectory Directory() => new(_service, _tableName);

    [Fact]
    public async Task Seed_AddsTheTenShasTheirLmcsTheNationalBodiesTheNationalTeamAndTheResearchUnit()
    {
        var directory = Directory();

        await directory.SeedAsync(CancellationToken.None);
        var all = await directory.ListAsync(CancellationToken.None);

        Assert.Equal(26, all.Count);
        Assert.Equal(10, all.Count(p => p.Kind == PartnerKind.ShaReviewers));
        Assert.Equal(10, all.Count(p => p.Kind == PartnerKind.Lmc));
        Assert.Equal(["FDA", "NAPC", "NHSAlliance", "RCGP"],
            all.Where(p => p.Kind == PartnerKind.NationalBody).Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal("pathfinder.programme@dh.example.gov.uk",
            Assert.Single(all, p => p.Kind == PartnerKind.NationalTeam).Email);
        Assert.Contains("Research Unit", Assert.Single(all, p => p.Kind == PartnerKind.ResearchUnit).Name,
            StringComparison.Ordinal);
        Assert.All(all, p => Assert.Contains(".example.", p.ToAddress().Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_Twice_KeepsTheRowsAndAnOperatorsEdit()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);
        var edited = new Partner(PartnerKind.ShaReviewers, "Q35", "NHS East of England pathfinder panel",
            "pathfinder.panel@eoe.example.nhs.uk");
        await directory.UpsertAsync(edited, CancellationToken.None);

        await Directory().SeedAsync(CancellationToken.None);

        Assert.Equal(26, (await directory.ListAsync(CancellationToken.None)).Count);
        Assert.Equal(edited, Assert.Single(await directory.GetAsync(PartnerKind.ShaReviewers, "Q35", CancellationToken.None)));
    }

    [Fact]
    public async Task Seed_PutsBackADefaultThatIsMissing_AndLeavesAnOperatorsExtraRow()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);
        var table = _service.GetTableClient(_tableName);
        await table.DeleteEntityAsync(nameof(PartnerKind.Lmc), "Q30");
        // Typed by hand in Storage Explorer, in lower case.
        await table.AddEntityAsync(new TableEntity(nameof(PartnerKind.Lmc), "q39")
        {
            ["Name"] = "Devon LMC", ["Email"] = "lmc@devon.example.org.uk",
        });

        await directory.SeedAsync(CancellationToken.None);

        var lmcs = await directory.GetAsync(PartnerKind.Lmc, null, CancellationToken.None);
        Assert.Contains(lmcs, p => p.Code == "Q30");
        Assert.Equal(["Q39", "q39"], lmcs.Where(p => p.Code.EndsWith("39", StringComparison.Ordinal))
            .Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_ByKindAndCode_FindsOneInAnyCase()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);

        var reviewers = Assert.Single(await directory.GetAsync(PartnerKind.ShaReviewers, " q35 ", CancellationToken.None));
        var lmc = Assert.Single(await directory.GetAsync(PartnerKind.Lmc, "Q35", CancellationToken.None));
        var rcgp = Assert.Single(await directory.GetAsync(PartnerKind.NationalBody, "RCGP", CancellationToken.None));

        Assert.Equal(new Partner(PartnerKind.ShaReviewers, "Q35", "East of England SHA pathfinder reviewers",
            "pathfinders.q35@sha.example.nhs.uk"), reviewers);
        Assert.Equal("lmc.q35@lmc.example.org.uk", lmc.Email);
        Assert.Equal("Royal College of General Practitioners", rcgp.Name);
        Assert.Empty(await directory.GetAsync(PartnerKind.ShaReviewers, "Q99", CancellationToken.None));
    }

    [Fact]
    public async Task Get_WithoutCode_GivesEveryPartnerOfThatKind()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);

        var bodies = await directory.GetAsync(PartnerKind.NationalBody, null, CancellationToken.None);
        var shas = await directory.GetAsync(PartnerKind.ShaReviewers, null, CancellationToken.None);

        Assert.Equal(4, bodies.Count);
        Assert.All(bodies, p => Assert.Equal(PartnerKind.NationalBody, p.Kind));
        Assert.Equal(Enumerable.Range(30, 10).Select(n => $"Q{n}"), shas.Select(p => p.Code));
    }

    [Fact]
    public async Task Upsert_AddsANewPartnerAndReplacesAnExistingOne()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);

        await directory.UpsertAsync(new Partner(PartnerKind.NationalBody, "BMA", "British Medical Association",
            "gpc@bma.example.org.uk"), CancellationToken.None);
        await directory.UpsertAsync(new Partner(PartnerKind.NationalBody, "FDA", "Family Doctor Association",
            "office@fda.example.org.uk"), CancellationToken.None);

        var bodies = await directory.GetAsync(PartnerKind.NationalBody, null, CancellationToken.None);
        Assert.Equal(5, bodies.Count);
        Assert.Equal("office@fda.example.org.uk", Assert.Single(bodies, p => p.Code == "FDA").Email);
    }

    [Fact]
    public async Task Upsert_OfAnAddressThatIsNotOne_IsRefused()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => directory.UpsertAsync(
            new Partner(PartnerKind.Lmc, "Q35", "Cambridgeshire LMC", "not an address"), CancellationToken.None));
    }

    [Fact]
    public async Task ARowWithoutAnAddress_IsReportedWithItsKey()
    {
        var directory = Directory();
        await directory.SeedAsync(CancellationToken.None);
        await _service.GetTableClient(_tableName).UpsertEntityAsync(
            new TableEntity(nameof(PartnerKind.Lmc), "Q31") { ["Name"] = "North West LMC" }, TableUpdateMode.Replace);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => directory.GetAsync(PartnerKind.Lmc, "Q31", CancellationToken.None));
        Assert.Contains("Lmc/Q31", error.Message, StringComparison.Ordinal);
    }
}
