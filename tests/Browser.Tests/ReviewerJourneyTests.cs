using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>A reviewer of Q35 (East of England) at work: finding, deciding, and being told what is wrong.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReviewerJourneyTests(BrowserFixture fixture)
{
    private static readonly string[] Criteria =
    [
        "GP leadership and support",
        "Local Authority engagement",
        "Contribution to the local QIPP agenda",
    ];

    [Fact]
    public async Task Reviewer_SignsIn_FindsAnApplication_ApprovesItWithANote_AndSeesItApproved()
    {
        var seeded = await fixture.Applications;
        var page = await fixture.NewPageAsync();
        try
        {
            await BrowserFixture.SignInAsync(page, SignIn.Reviewer("Q35", "Dr Ann Reviewer"));
            await Expect(page).ToHaveURLAsync(new Regex("/review$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Applications to East of England");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }))
                .ToContainTextAsync("Dr Ann Reviewer (Q35 reviewer)");

            // Only those under review, then the one to decide on.
            await page.GetByLabel("Show applications that are").SelectOptionAsync("UnderReview");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("status=UnderReview"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Browser Test Consortium 1", Exact = true })
                .ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/review/{Regex.Escape(seeded.ToApprove)}$"));
            await Expect(Status(page)).ToHaveTextAsync("Under review");

            foreach (var criterion in Criteria)
            {
                await page.GetByRole(AriaRole.Group, new() { Name = criterion, Exact = true })
                    .GetByLabel("Demonstrated", new() { Exact = true })
                    .CheckAsync();
            }
            await page.GetByLabel("Note on GP leadership and support")
                .FillAsync("A GP board elected by every practice.");
            await page.GetByLabel("Comments for the applicant (optional)").FillAsync("Welcome to the programme.");
            await page.GetByRole(AriaRole.Group, new() { Name = "Decision", Exact = true })
                .GetByLabel("Approve")
                .CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send decision" }).ClickAsync();

            // Redirected to the application, which shows the decision at once (projected while it is recorded).
            await Expect(page).ToHaveURLAsync(new Regex($"/review/{Regex.Escape(seeded.ToApprove)}\\?done=decision$"));
            await Expect(page.Locator(".nhsuk-notification-banner--success"))
                .ToContainTextAsync("Your decision has been recorded");
            await Expect(Status(page)).ToHaveTextAsync("Approved");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send decision" })).ToHaveCountAsync(0);

            // Once recorded, the decision with its note is on the page.
            await Seeded.WaitForStatusAsync(fixture.Host, seeded.ToApprove, s => s == "approved");
            await page.ReloadAsync();
            await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "Outcome" }))
                .ToContainTextAsync("Approved by Dr Ann Reviewer");
            await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "GP leadership and support" }).Last)
                .ToContainTextAsync("Demonstrated: A GP board elected by every practice.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task RejectingWithoutACriterionNotDemonstrated_ShowsTheErrorSummaryAndInlineErrors()
    {
        var seeded = await fixture.Applications;
        var page = await fixture.NewPageAsync(SignIn.Reviewer());
        try
        {
            await page.GotoAsync($"/review/{seeded.ToReject}");
            foreach (var criterion in Criteria)
            {
                await page.GetByRole(AriaRole.Group, new() { Name = criterion, Exact = true })
                    .GetByLabel("Demonstrated", new() { Exact = true })
                    .CheckAsync();
            }
            await page.GetByRole(AriaRole.Group, new() { Name = "Decision", Exact = true })
                .GetByLabel("Reject")
                .CheckAsync();
            var answer = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Send decision" }).ClickAsync(),
                r => r.Url.EndsWith("/decision", StringComparison.Ordinal)
            );
            Assert.Equal(400, answer.Status);

            await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
            var summary = page.Locator(".nhsuk-error-summary");
            await Expect(summary).ToBeVisibleAsync();
            await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
            // The NHS.UK script moves focus to the summary, so screen readers announce it first.
            await Expect(summary).ToBeFocusedAsync();

            var links = summary.GetByRole(AriaRole.Link);
            Assert.True(await links.CountAsync() >= 1, "the error summary links to no field");
            foreach (var link in await links.AllAsync())
            {
                var href = await link.GetAttributeAsync("href");
                Assert.NotNull(href);
                Assert.StartsWith("#", href, StringComparison.Ordinal);
                var field = page.Locator(href);
                await Expect(field).ToHaveCountAsync(1);
                // Each field the summary names carries its inline error, and the field is described by it.
                var group = page.Locator(".nhsuk-form-group--error", new() { Has = field });
                await Expect(group).ToHaveCountAsync(1);
                await Expect(group.Locator(".nhsuk-error-message")).ToContainTextAsync(await link.InnerTextAsync());
            }

            // Following the first link lands on its field.
            var first = links.First;
            var target = (await first.GetAttributeAsync("href"))!;
            await first.ClickAsync();
            await Expect(page.Locator(target)).ToBeFocusedAsync();

            // What was chosen is kept, and nothing was recorded.
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Decision", Exact = true }).GetByLabel("Reject"))
                .ToBeCheckedAsync();
            Assert.Equal("underReview", await Seeded.StatusAsync(fixture.Host, seeded.ToReject));
            await Axe.AssertNoViolationsAsync(page, "the decision form with errors");
            await Reflow.AssertReflowsAsync(page, "the decision form with errors");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Keyboard only (Tab, Space, Enter; typing in a text box): from the skip link, through every control on the
    /// page in order, to a decision sent and recorded.
    /// </summary>
    [Fact]
    public async Task Keyboard_FromTheSkipLinkToASentDecision_ReachesEveryControlInOrder()
    {
        var seeded = await fixture.Applications;
        var page = await fixture.NewPageAsync(SignIn.Reviewer());
        try
        {
            await page.GotoAsync($"/review/{seeded.ForKeyboard}");
            // What Tab should visit in the main content, in order: one stop per radio group (its first radio, none
            // being checked yet), up to the decision form's button.
            var expected = await page.EvaluateAsync<string[]>(
                """
                () => {
                  const main = document.getElementById('maincontent');
                  const button = [...main.querySelectorAll('button')]
                    .find(b => b.textContent.trim() === 'Send decision');
                  const seen = new Set();
                  const stops = [];
                  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';
                  for (const el of main.querySelectorAll(focusable)) {
                    if (el.type === 'hidden' || el.disabled || el.tabIndex < 0 || !el.getClientRects().length) continue;
                    if (el.type === 'radio') { if (seen.has(el.name)) continue; seen.add(el.name); }
                    stops.push(el.id || el.name || el.textContent.trim());
                    if (el === button) break;
                  }
                  return stops;
                }
                """
            );

            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#maincontent")).ToBeFocusedAsync();

            var visited = new List<string>();
            for (var presses = 0; presses < expected.Length + 5; presses++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await Focused(page);
                visited.Add(focused.Key);
                switch (focused)
                {
                    case { Type: "radio", Label: "Demonstrated" or "Approve" }:
                        await page.Keyboard.PressAsync("Space");
                        break;
                    case { Key: "criteria-gpLeadership-note" or "criteria.gpLeadership.note" }:
                        await page.Keyboard.TypeAsync("Every practice signed up.");
                        break;
                }
                if (focused.Label == "Send decision")
                {
                    break;
                }
            }
            Assert.Equal(expected, visited);

            foreach (var criterion in Criteria)
            {
                await Expect(
                        page.GetByRole(AriaRole.Group, new() { Name = criterion, Exact = true })
                            .GetByLabel("Demonstrated", new() { Exact = true })
                    )
                    .ToBeCheckedAsync();
            }
            await page.Keyboard.PressAsync("Enter");
            await Expect(page)
                .ToHaveURLAsync(new Regex($"/review/{Regex.Escape(seeded.ForKeyboard)}\\?done=decision$"));
            await Expect(Status(page)).ToHaveTextAsync("Approved");
            await Seeded.WaitForStatusAsync(fixture.Host, seeded.ForKeyboard, s => s == "approved");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static ILocator Status(IPage page) =>
        page.Locator(".nhsuk-summary-list__row", new() { HasText = "Status" }).First.Locator(".nhsuk-tag").First;

    private static async Task<FocusedElement> Focused(IPage page)
    {
        var f = await page.EvaluateAsync<string[]>(
            """
            () => {
              const el = document.activeElement;
              const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : el.textContent.trim();
              return [el.id || el.name || el.textContent.trim(), el.type || el.tagName.toLowerCase(), label];
            }
            """
        );
        return new FocusedElement(f[0], f[1], f[2]);
    }

    private sealed record FocusedElement(string Key, string Type, string Label);
}
