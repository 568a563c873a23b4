using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Partners;

/// <summary>
/// /api/partners: list, add, change and remove with every validation problem as RFC 7807 naming the field, ETags
/// (428 without If-Match, 409 when stale), the history, the test message and the digests. One app with the example
/// partners; each test works on its own partners (its own SHA or name), so they do not see each other's changes.
/// </summary>
public sealed class PartnerEndpointTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    private readonly HttpClient _national = app.National("Nina National");

    [Fact]
    public async Task List_GivesEveryPartnerByKindAndSha_WithAddressesAndWhatEachReceives()
    {
        var list = (await _national.GetFromJsonAsync<JsonArray>("/api/partners"))!;

        var lmc = list.Single(p => p!["id"]!.GetValue<string>() == "lmc-q30")!;
        Assert.Equal("lmc", lmc["kind"]!.GetValue<string>());
        Assert.Equal("Q30", lmc["sha"]!.GetValue<string>());
        Assert.Equal(["lmc.q30@lmc.example.org.uk"], lmc.AsObject().Addresses());
        Assert.Contains("wave digest", lmc["receives"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(10, list.Count(p => p!["kind"]!.GetValue<string>() == "shaReviewers"));
        Assert.Contains(list, p => p!["kind"]!.GetValue<string>() == "nationalTeam" && p["sha"] is null);
    }

    [Fact]
    public async Task Add_ANationalBodyWithTwoAddresses_Is201WithLocationAndETag_AndItsHistorySaysWhoAddedIt()
    {
        using var response = await _national.PostAsJsonAsync(
            "/api/partners",
            new
            {
                kind = "nationalBody",
                name = "British Medical Association GPC",
                addresses = A("gpc@bma.example.org.uk", "secretariat@bma.example.org.uk"),
            }
        );

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal($"/api/partners/{id}", response.Headers.Location?.OriginalString);
        var (partner, etag) = await _national.PartnerAsync(id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal(["gpc@bma.example.org.uk", "secretariat@bma.example.org.uk"], partner.Addresses());
        var added = Assert.Single(partner["history"]!.AsArray())!;
        Assert.Equal("added", added["action"]!.GetValue<string>());
        Assert.Equal("Nina National", added["by"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - added["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
    }

    public static TheoryData<string, object> AddProblems() =>
        new()
        {
            {
                "addresses[1]",
                new
                {
                    kind = "lmc",
                    sha = "Q35",
                    name = "Cambs LMC",
                    addresses = A("ok@lmc.example.org.uk", "not an address"),
                }
            },
            {
                "addresses",
                new
                {
                    kind = "nationalBody",
                    name = "No Address Body",
                    addresses = A(),
                }
            },
            {
                "addresses[1]",
                new
                {
                    kind = "nationalBody",
                    name = "Twice Body",
                    addresses = A("a@twice.example.org", "A@twice.example.org"),
                }
            },
            {
                "sha",
                new
                {
                    kind = "shaReviewers",
                    sha = "Q99",
                    name = "Nowhere reviewers",
                    addresses = A("r@sha.example.nhs.uk"),
                }
            },
            {
                "sha",
                new
                {
                    kind = "nationalBody",
                    sha = "Q35",
                    name = "Per SHA Body",
                    addresses = A("b@body.example.org"),
                }
            },
            // Q34 has its LMC already (the examples).
            {
                "sha",
                new
                {
                    kind = "lmc",
                    sha = "q34",
                    name = "A second West Midlands LMC",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
            {
                "name",
                new
                {
                    kind = "nationalBody",
                    name = "royal college of  general practitioners",
                    addresses = A("x@rcgp.example.org.uk"),
                }
            },
            {
                "kind",
                new
                {
                    kind = "nationalTeam",
                    name = "Another team",
                    addresses = A("t@dh.example.gov.uk"),
                }
            },
            {
                "name",
                new
                {
                    kind = "nationalBody",
                    name = "Alliance, Primary Care",
                    addresses = A("a@alliance.example.org"),
                }
            },
            {
                "name",
                new
                {
                    kind = "nationalBody",
                    name = "Alliance; Primary Care",
                    addresses = A("a@alliance.example.org"),
                }
            },
            {
                "name",
                new
                {
                    kind = "nationalBody",
                    name = "Alliance\r\nBcc: all@example.org",
                    addresses = A("a@alliance.example.org"),
                }
            },
            {
                "kind",
                new
                {
                    kind = "newspaper",
                    name = "The Times",
                    addresses = A("news@times.example.co.uk"),
                }
            },
            {
                "addresses",
                new
                {
                    kind = "nationalBody",
                    name = "Bad Shape",
                    addresses = "one@example.org",
                }
            },
        };

    [Theory]
    [MemberData(nameof(AddProblems))]
    public async Task Add_WithAProblem_Is400NamingTheField_AndAddsNothing(string field, object body)
    {
        var before = (await _national.GetFromJsonAsync<JsonArray>("/api/partners"))!.Count;

        using var response = await _national.PostAsJsonAsync("/api/partners", body);

        var errors = await response.ErrorsAsync();
        Assert.Equal([field], errors.Keys);
        Assert.Equal(before, (await _national.GetFromJsonAsync<JsonArray>("/api/partners"))!.Count);
    }

    [Fact]
    public async Task Change_WithIfMatch_ReplacesTheAddress_WithANewETag_AndTheHistorySaysWhoChangedWhat()
    {
        var (_, etag) = await _national.PartnerAsync("lmc-q31");

        using var response = await _national.ChangePartnerAsync(
            "lmc-q31",
            new
            {
                sha = "Q31",
                name = "North West LMCs",
                addresses = A("secretary@nwlmc.example.org.uk"),
            },
            etag
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        var (partner, now) = await _national.PartnerAsync("lmc-q31");
        Assert.Equal("\"2\"", now);
        Assert.Equal(["secretary@nwlmc.example.org.uk"], partner.Addresses());
        var change = partner["history"]!.AsArray().Last()!;
        Assert.Equal("changed", change["action"]!.GetValue<string>());
        Assert.Equal("Nina National", change["by"]!.GetValue<string>());
        Assert.Equal(
            [
                "Name: North West Local Medical Committee to North West LMCs",
                "Addresses: lmc.q31@lmc.example.org.uk to secretary@nwlmc.example.org.uk",
            ],
            change["changes"]!.AsArray().Select(c => c!.GetValue<string>())
        );
    }

    public static TheoryData<string, object> ChangeProblems() =>
        new()
        {
            {
                "addresses[0]",
                new
                {
                    sha = "Q36",
                    name = "London LMCs",
                    addresses = A("london lmcs"),
                }
            },
            {
                "sha",
                new
                {
                    sha = "Q66",
                    name = "London LMCs",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
            // Q35 has its own LMC.
            {
                "sha",
                new
                {
                    sha = "Q35",
                    name = "London LMCs",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
            {
                "name",
                new
                {
                    sha = "Q36",
                    name = "London, LMCs",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
            {
                "name",
                new
                {
                    sha = "Q36",
                    name = "London\u0000LMCs",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
            {
                "kind",
                new
                {
                    kind = "nationalBody",
                    sha = "Q36",
                    name = "London LMCs",
                    addresses = A("l@lmc.example.org.uk"),
                }
            },
        };

    [Theory]
    [MemberData(nameof(ChangeProblems))]
    public async Task Change_WithAProblem_Is400NamingTheField_AndChangesNothing(string field, object body)
    {
        var (before, etag) = await _national.PartnerAsync("lmc-q36");

        using var response = await _national.ChangePartnerAsync("lmc-q36", body, etag);

        Assert.Equal([field], (await response.ErrorsAsync()).Keys);
        var (after, still) = await _national.PartnerAsync("lmc-q36");
        Assert.Equal(etag, still);
        Assert.Equal(before.Addresses(), after.Addresses());
    }

    [Fact]
    public async Task ChangeAndRemove_WithAStaleETag_Are409_AndWithoutIfMatch_428_ChangingNothing()
    {
        var (_, first) = await _national.PartnerAsync("lmc-q32");
        using (
            var someoneElse = await app.National("Sam Other")
                .ChangePartnerAsync(
                    "lmc-q32",
                    new
                    {
                        sha = "Q32",
                        name = "Yorkshire LMCs",
                        addresses = A("sam@ylmc.example.org.uk"),
                    },
                    first
                )
        )
        {
            Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        }

        using var stale = await _national.ChangePartnerAsync(
            "lmc-q32",
            new
            {
                sha = "Q32",
                name = "Yorkshire LMCs",
                addresses = A("nina@ylmc.example.org.uk"),
            },
            first
        );
        using var staleRemoval = await _national.RemovePartnerAsync("lmc-q32", first);
        using var unconditional = await _national.ChangePartnerAsync(
            "lmc-q32",
            new
            {
                sha = "Q32",
                name = "Yorkshire LMCs",
                addresses = A("nina@ylmc.example.org.uk"),
            },
            null
        );
        using var unconditionalRemoval = await _national.RemovePartnerAsync("lmc-q32", null);

        var conflict = await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Sam Other", conflict["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("\"2\"", stale.Headers.ETag?.ToString());
        await staleRemoval.ProblemAsync(HttpStatusCode.Conflict);
        await unconditional.ProblemAsync(HttpStatusCode.PreconditionRequired);
        await unconditionalRemoval.ProblemAsync(HttpStatusCode.PreconditionRequired);
        var (partner, etag) = await _national.PartnerAsync("lmc-q32");
        Assert.Equal("\"2\"", etag);
        Assert.Equal(["sam@ylmc.example.org.uk"], partner.Addresses());
    }

    [Fact]
    public async Task Remove_WithIfMatch_Is204_ThenItIs404SayingWho_AndItsShaTakesANewLmc()
    {
        var (_, etag) = await _national.PartnerAsync("lmc-q33");

        using var removed = await _national.RemovePartnerAsync("lmc-q33", etag);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await _national.GetAsync(new Uri("/api/partners/lmc-q33", UriKind.Relative));
        Assert.Contains(
            "removed by Nina National",
            (await gone.ProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        var list = (await _national.GetFromJsonAsync<JsonArray>("/api/partners"))!;
        Assert.DoesNotContain(list, p => p!["id"]!.GetValue<string>() == "lmc-q33");
        using var replacement = await _national.PostAsJsonAsync(
            "/api/partners",
            new
            {
                kind = "lmc",
                sha = "Q33",
                name = "East Midlands LMCs",
                addresses = A("em@lmc.example.org.uk"),
            }
        );
        Assert.Equal(HttpStatusCode.Created, replacement.StatusCode);
    }

    [Fact]
    public async Task AnUnknownPartner_Is404_ForEveryRoute()
    {
        using var get = await _national.GetAsync(new Uri("/api/partners/no-such-partner", UriKind.Relative));
        using var change = await _national.ChangePartnerAsync("no-such-partner", new { name = "X" }, "\"1\"");
        using var remove = await _national.RemovePartnerAsync("no-such-partner", "\"1\"");
        using var test = await _national.PostAsync(
            new Uri("/api/partners/no-such-partner/test-message", UriKind.Relative),
            null
        );

        foreach (var response in new List<HttpResponseMessage> { get, change, remove, test })
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task TestMessage_GoesToEveryAddress_OncePerIdempotencyKey()
    {
        using var added = await _national.PostAsJsonAsync(
            "/api/partners",
            new
            {
                kind = "nationalBody",
                name = "Test Message Body",
                addresses = A("one@testbody.example.org", "two@testbody.example.org"),
            }
        );
        var id = (await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(
                HttpMethod.Post,
                new Uri($"/api/partners/{id}/test-message", UriKind.Relative)
            );
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _national.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var sent = Assert.Single(app.Sent(), m => m.Kind == "PartnerTest" && m.IsTo("one@testbody.example.org"));
        Assert.True(sent.IsTo("two@testbody.example.org"));
        Assert.Contains("Nina National", sent.Text, StringComparison.Ordinal);
        var (partner, _) = await _national.PartnerAsync(id);
        Assert.Equal("sent", Assert.Single(partner["testMessages"]!.AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheNextWavesDigest_GoesToTheLmcsNewAddress_AndShowsOnItsPartner()
    {
        var reference = await app.Intake().SubmitAsync(Forms.Valid("Q37"));
        await app.WaitUntilRegisteredAsync(reference);
        await app.Reviewer("Q37").ApproveAsync(reference);
        var (_, etag) = await _national.PartnerAsync("lmc-q37");
        using (
            var changed = await _national.ChangePartnerAsync(
                "lmc-q37",
                new
                {
                    sha = "Q37",
                    name = "Kent and Surrey LMCs",
                    addresses = A("secretary@kslmc.example.org.uk", "chair@kslmc.example.org.uk"),
                },
                etag
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var wave = (
            await _national.ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(20))
        )["number"]!.GetValue<int>();
        using (var announce = await _national.AnnounceAsync(wave))
        {
            Assert.Equal(HttpStatusCode.Accepted, announce.StatusCode);
        }
        await _national.AnnouncedWaveAsync(wave);

        // Queued, then sent moments later: wait for it to be sent, not only queued.
        var digests = await EventuallyAsync(async () =>
            (await _national.PartnerAsync("lmc-q37")).Partner["digests"]!.AsArray() is { Count: > 0 } d
            && d.All(x => x!["status"]!.GetValue<string>() == "sent")
                ? d
                : null
        );
        var digest = Assert.Single(digests)!;
        Assert.Equal(wave, digest["wave"]!.GetValue<int>());
        Assert.Equal(
            ["secretary@kslmc.example.org.uk", "chair@kslmc.example.org.uk"],
            digest["recipients"]!.AsArray().Select(r => r!.GetValue<string>())
        );
        Assert.Equal("sent", digest["status"]!.GetValue<string>());
        var mail = app.Sent().Where(m => m.Kind == "WaveDigest").ToList();
        Assert.Contains(mail, m => m.IsTo("secretary@kslmc.example.org.uk") && m.IsTo("chair@kslmc.example.org.uk"));
        Assert.DoesNotContain(mail, m => m.IsTo("lmc.q37@lmc.example.org.uk"));
    }

    /// <summary>A list of addresses for a request body.</summary>
    private static string[] A(params string[] addresses) => addresses;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "Not there within 30 s.");
            await Task.Delay(100);
        }
    }
}
