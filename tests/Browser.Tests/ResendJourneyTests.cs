using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathfinder.Testing;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// The national team finds a bounced acknowledgement on its failed notifications page, corrects the lead GP's address
/// and sends it again; the same form posted three times sends one email.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResendJourneyTests(BrowserFixture fixture)
{
    private const string Corrected = "jane.lead@fenland-resend.example.nhs.uk";

    [Fact]
    public async Task NationalTeam_FindsABouncedAcknowledgement_CorrectsTheAddress_AndSendsItAgainOnce()
    {
        var (id, _) = await Seeded.BouncedAcknowledgementAsync(fixture, "Browser Bounced Consortium");
        var page = await fixture.NewPageAsync(SignIn.National);
        try
        {
            await page.GotoAsync("/national/notifications");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"({id}, " });
            await Expect(row).ToContainTextAsync("Bounced");
            await row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send again") }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Send an email again");
            // A mistyped correction first: the error summary names the field and the page keeps what was typed.
            await page.GetByLabel("Corrected email address (optional)").FillAsync("jane.lead at fenland");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
            await Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("name@example.nhs.uk");
            await Expect(page.GetByLabel("Corrected email address (optional)"))
                .ToHaveValueAsync("jane.lead at fenland");

            await page.GetByLabel("Corrected email address (optional)").FillAsync(Corrected);
            // The same form posted twice more by the page before the button is pressed, as an impatient double press
            // would: every post carries the form's press id, so one email goes.
            await page.EvaluateAsync(
                """
                async () => {
                    const form = document.querySelector("form[action$='/resend']");
                    for (let i = 0; i < 2; i++) {
                        const body = new URLSearchParams(new FormData(form));
                        await fetch(form.action, { method: "POST", body, redirect: "manual" });
                    }
                }
                """
            );
            await page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
            await Expect(page.Locator(".nhsuk-notification-banner--success"))
                .ToContainTextAsync("The email was sent again");

            await Eventually.UntilAsync("the email to the corrected address", TimeSpan.FromSeconds(30), () =>
                Seeded
                    .Mail(fixture.PickupDirectory)
                    .Any(m => m.To.ToString().Contains(Corrected, StringComparison.Ordinal))
            );
            var sent = Seeded
                .Mail(fixture.PickupDirectory)
                .Where(m => m.To.ToString().Contains(Corrected, StringComparison.Ordinal))
                .ToList();
            var copy = Assert.Single(sent);
            Assert.Contains(id, copy.Subject, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
