using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// The national team manages who is told (<c>/national/partners</c>): an LMC's secretary leaves, the team replaces the
/// address on the LMC's page, and the next wave's digest goes to the new address, not the old one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerJourneyTests(BrowserFixture fixture)
{
    private const string OldAddress = "lmc.q36@lmc.example.org.uk";
    private const string NewAddress = "new.secretary@londonlmcs.example.org.uk";

    [Fact]
    public async Task NationalTeam_ReplacesAnLmcsAddress_AndTheNextWavesDigestGoesToTheNewAddressNotTheOld()
    {
        // A London application approved, waiting for the next wave.
        var reference = await Seeded.SubmitAsync(fixture.Host, "Q36", "London Partner Journey Consortium");
        await Seeded.WaitForStatusAsync(fixture.Host, reference, s => s == "underReview");
        using (var reviewer = fixture.Host.Reviewer("Q36"))
        using (
            var decided = await reviewer.PostAsJsonAsync(
                $"/api/applications/{reference}/decision",
                Seeded.ApprovedDecision()
            )
        )
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }
        await Seeded.WaitForStatusAsync(fixture.Host, reference, s => s == "approved");

        var page = await fixture.NewPageAsync(SignIn.National);
        try
        {
            await page.GotoAsync("/national/partners");
            await page.GetByRole(AriaRole.Link, new() { Name = "London Local Medical Committee" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/national/partners/lmc-q36$"));
            await Expect(page.Locator("main")).ToContainTextAsync(OldAddress);

            await page.GetByLabel("Email addresses").FillAsync(NewAddress);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

            await Expect(page.Locator(".nhsuk-error-summary")).ToHaveCountAsync(0);
            await Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The partner has been changed");
            await Expect(page.Locator(".nhsuk-summary-list")).ToContainTextAsync(NewAddress);
            await Expect(page.Locator(".nhsuk-summary-list")).Not.ToContainTextAsync(OldAddress);
            await Expect(page.Locator("#history ~ ol")).ToContainTextAsync($"Changed by {SignIn.National.Name}");

            var wave = await AnnounceNextWaveAsync();

            var digest = await DigestToAsync(NewAddress, wave);
            Assert.Contains("London Partner Journey Consortium", digest.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Seeded.Mail(fixture.PickupDirectory), m =>
                m.Headers["X-Categories"] == "WaveDigest" && m.To.Mailboxes.Any(a => a.Address == OldAddress)
            );

            // The partner's page shows the digest it was sent, and where it is.
            await page.ReloadAsync();
            var digests = page.Locator("#digests ~ table").First;
            await Expect(digests).ToContainTextAsync($"Wave {wave}");
            await Expect(digests).ToContainTextAsync(NewAddress);
            await Expect(digests).ToContainTextAsync("Sent");

            // At 320 CSS px the page reflows: nothing to scroll sideways.
            await page.SetViewportSizeAsync(320, 800);
            var overflow = await page.EvaluateAsync<int>(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            );
            Assert.True(overflow <= 0, $"The partner page scrolls sideways by {overflow} px at 320 px.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Schedules the next wave through the API and announces it now. Waves follow one another, and other browser tests
    /// schedule theirs, so this one comes after any already there (or closes within minutes when it is the first).
    /// </summary>
    private async Task<int> AnnounceNextWaveAsync()
    {
        using var national = fixture.Host.National();
        var waves = (await national.GetFromJsonAsync<JsonArray>("/api/waves"))!;
        var now = DateTimeOffset.UtcNow;
        var last = waves.Select(w => w!.AsObject()).MaxBy(w => w["number"]!.GetValue<int>());
        var (announceAt, cutoff) = last is null
            ? (now.AddMinutes(10), now.AddMinutes(5))
            : (
                last["announceAt"]!.GetValue<DateTimeOffset>().AddDays(1),
                last["cutoff"]!.GetValue<DateTimeOffset>().AddDays(1)
            );
        using var scheduled = await national.PostAsJsonAsync("/api/waves", new { announceAt, cutoff });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var number = (await scheduled.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>();
        using var announced = await national.PostAsync(
            new Uri($"/api/waves/{number}/announcement", UriKind.Relative),
            null
        );
        Assert.Equal(HttpStatusCode.Accepted, announced.StatusCode);
        return number;
    }

    private async Task<MimeKit.MimeMessage> DigestToAsync(string address, int wave)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var digest = Seeded
                .Mail(fixture.PickupDirectory)
                .FirstOrDefault(m =>
                    m.Headers["X-Categories"] == "WaveDigest"
                    && (m.Subject ?? "").StartsWith($"Wave {wave} ", StringComparison.Ordinal)
                    && m.To.Mailboxes.Any(a => a.Address == address)
                );
            if (digest is not null)
            {
                return digest;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No digest of wave {wave} to {address} within 60 s");
            await Task.Delay(250);
        }
    }
}
