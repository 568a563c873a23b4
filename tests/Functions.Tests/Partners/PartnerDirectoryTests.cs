using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Functions.Partners;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Partners;

/// <summary>The directory's table on Azurite: examples, versions, history, and duplicates kept out under a
/// race.</summary>
public sealed class PartnerDirectoryTests
{
    private static readonly PartnerStamp Nina = new(
        "Nina National",
        new DateTimeOffset(2010, 11, 1, 9, 0, 0, TimeSpan.Zero)
    );

    private readonly TableServiceClient _service = new(Azurite.Shared.ConnectionString);
    private readonly string _tableName = Azurite.UniqueName("Partners");

    private PartnerDirectory Directory() => new(_service, _tableName);

    private static PartnerDetails Lmc(ShaCode sha, string address) =>
        new(PartnerKind.Lmc, sha, $"{sha.Name} LMC", [address]);

    [Fact]
    public async Task AnEmptyDirectory_HasNoPartners_AndEverySha_IsMissingItsTwo()
    {
        var partners = await Directory().ListAsync(CancellationToken.None);

        Assert.Empty(partners);
        Assert.Equal(20, PartnerRules.Missing(partners.Select(p => p.Details)).Count);
    }

    [Fact]
    public async Task Add_ThenChange_ThenRemove_KeepsVersionsAndHistory()
    {
        var directory = Directory();
        Assert.Equal(
            PartnerWrite.Done,
            await directory.AddAsync(
                "lmc-q35",
                Lmc(ShaCode.EastOfEngland, "a@lmc.example.org.uk"),
                Nina,
                CancellationToken.None
            )
        );
        var added = (await directory.GetAsync("lmc-q35", CancellationToken.None))!;

        Assert.Equal(
            PartnerWrite.Done,
            await directory.ChangeAsync(
                added,
                added.Details with
                {
                    Addresses = ["b@lmc.example.org.uk"],
                },
                Nina with
                {
                    By = "Sam Other",
                },
                CancellationToken.None
            )
        );
        var changed = (await directory.GetAsync("lmc-q35", CancellationToken.None))!;
        Assert.Equal(PartnerWrite.Done, await directory.RemoveAsync(changed, Nina, CancellationToken.None));

        var removed = (await directory.GetAsync("lmc-q35", CancellationToken.None))!;
        Assert.Equal(3, removed.Version);
        Assert.Equal(Nina, removed.Removed);
        Assert.Empty(await directory.ListAsync(CancellationToken.None));
        Assert.Empty(await directory.RecipientsAsync(PartnerKind.Lmc, "Q35", CancellationToken.None));
        var history = await directory.HistoryAsync("lmc-q35", CancellationToken.None);
        Assert.Equal(
            [PartnerAction.Added, PartnerAction.Changed, PartnerAction.Removed],
            history.Select(h => h.Action)
        );
        Assert.Equal(["Nina National", "Sam Other", "Nina National"], history.Select(h => h.By));
        Assert.Equal(["Addresses: a@lmc.example.org.uk to b@lmc.example.org.uk"], history[1].Changes);
    }

    [Fact]
    public async Task AChangeToAVersionNoLongerThere_IsStale_AndChangesNothing()
    {
        var directory = Directory();
        await directory.AddAsync(
            "lmc-q30",
            Lmc(ShaCode.NorthEast, "a@lmc.example.org.uk"),
            Nina,
            CancellationToken.None
        );
        var read = (await directory.GetAsync("lmc-q30", CancellationToken.None))!;
        await directory.ChangeAsync(
            read,
            read.Details with
            {
                Addresses = ["first@lmc.example.org.uk"],
            },
            Nina,
            CancellationToken.None
        );

        var second = await directory.ChangeAsync(
            read,
            read.Details with
            {
                Addresses = ["second@lmc.example.org.uk"],
            },
            Nina,
            CancellationToken.None
        );

        Assert.Equal(PartnerWrite.Stale, second);
        Assert.Equal(
            ["first@lmc.example.org.uk"],
            (await directory.GetAsync("lmc-q30", CancellationToken.None))!.Details.Addresses
        );
    }

    [Fact]
    public async Task TwoPeopleAddingAnLmcForOneShaAtOnce_OnlyOneIsAdded()
    {
        var directory = Directory();

        var writes = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(i =>
                    directory.AddAsync(
                        $"lmc-{i}",
                        Lmc(ShaCode.London, $"lmc{i}@lmc.example.org.uk"),
                        Nina,
                        CancellationToken.None
                    )
                )
        );

        Assert.Single(writes, w => w == PartnerWrite.Done);
        Assert.All(writes.Where(w => w != PartnerWrite.Done), w => Assert.Equal(PartnerWrite.Duplicate, w));
        Assert.Single(await directory.RecipientsAsync(PartnerKind.Lmc, "Q36", CancellationToken.None));
    }

    [Fact]
    public async Task ARemovedPartnersPlace_IsFreeAgain_ButItsIdIsNot()
    {
        var directory = Directory();
        await directory.AddAsync(
            "lmc-q39",
            Lmc(ShaCode.SouthWest, "a@lmc.example.org.uk"),
            Nina,
            CancellationToken.None
        );
        await directory.RemoveAsync(
            (await directory.GetAsync("lmc-q39", CancellationToken.None))!,
            Nina,
            CancellationToken.None
        );

        Assert.Equal(
            PartnerWrite.IdTaken,
            await directory.AddAsync(
                "lmc-q39",
                Lmc(ShaCode.SouthWest, "b@lmc.example.org.uk"),
                Nina,
                CancellationToken.None
            )
        );
        Assert.Equal(
            PartnerWrite.Done,
            await directory.AddAsync(
                "devon",
                Lmc(ShaCode.SouthWest, "b@lmc.example.org.uk"),
                Nina,
                CancellationToken.None
            )
        );
    }

    [Fact]
    public async Task TheExamples_AreTheTwentySixTheLetterNames_EachWithAnAddressSendGridTakes()
    {
        Assert.Equal(26, PartnerDefaults.All.Count);
        var problems = PartnerDefaults
            .All.SelectMany(d =>
                PartnerRules
                    .Validate(
                        new PartnerDraft(
                            d.Details.Kind.ToString(),
                            d.Details.Sha?.Code,
                            d.Details.Name,
                            [.. d.Details.Addresses]
                        ),
                        []
                    )
                    .Problems
            )
            .ToList();
        Assert.Empty(problems);

        var directory = Directory();
        foreach (var (id, details) in PartnerDefaults.All)
        {
            await directory.AddAsync(id, details, Nina, CancellationToken.None);
        }
        Assert.Empty(PartnerRules.Missing((await directory.ListAsync(CancellationToken.None)).Select(p => p.Details)));
    }

    [Fact]
    public async Task AnIdThatCannotBeOne_IsNoPartner()
    {
        Assert.Null(await Directory().GetAsync("../Q35#", CancellationToken.None));
        Assert.Empty(await Directory().HistoryAsync("UPPER", CancellationToken.None));
    }
}
