using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;

// Photographs the main pages of a running app loaded with the demo programme (./run.sh --demo), at desktop (1280 px)
// and phone (375 px) widths, with Debian's chromium: the README's screenshots, never test data.
//   dotnet run --project tools/Screenshots -- <app url> <output folder> <the app's mail pickup folder>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Pathfinder.Screenshots <app url> <output folder> <mail pickup folder>");
    return 2;
}
var app = args[0].TrimEnd('/');
var output = Directory.CreateDirectory(args[1]).FullName;
var pickup = args[2];
const string Chromium = "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(
    new BrowserTypeLaunchOptions
    {
        ExecutablePath = File.Exists(Chromium)
            ? Chromium
            : throw new InvalidOperationException($"{Chromium} is missing (scripts/setup.sh)"),
        Headless = true,
        Args = ["--no-sandbox", "--disable-dev-shm-usage"],
    }
);

var reviewer = await SignedInAsync("Dr Ann Reviewer", "Reviewer for East of England (Q35)");
var national = await SignedInAsync("Nina National", "The national team");

// The demo loads in the background after start: wait until the national team sees all its applications.
await WaitUntilAsync("the demo programme to load", async () =>
    await CountAsync(national, "/review", "main table a[href^='/review/']") >= 30
);
var application = await FirstHrefAsync(reviewer, "/review", "main table a[href^='/review/']");
var reference = application["/review/".Length..];
var status = await WaitUntilAsync($"the acknowledgement email of {reference}", () =>
    Task.FromResult(StatusLink(reference))
) ?? throw new InvalidOperationException("no status link");

var pages = new (string Name, string? State, string Path)[]
{
    ("home", null, "/"),
    ("pathfinders", null, "/pathfinders"),
    ("status", null, status),
    ("sign-in", null, "/sign-in"),
    ("review", reviewer, "/review"),
    ("application", reviewer, application),
    ("national-waves", national, "/national/waves"),
    ("national-inbound", national, "/national/inbound"),
    ("national-reports", national, "/national/reports"),
};
foreach (var (name, state, path) in pages)
{
    foreach (var (suffix, width, height) in new[] { ("desktop", 1280, 800), ("mobile", 375, 812) })
    {
        await using var context = await NewContextAsync(state, width, height);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        if (response is not { Status: 200 })
        {
            throw new InvalidOperationException($"{path} answered {response?.Status}, not 200");
        }
        var file = Path.Combine(output, $"{name}-{suffix}.png");
        await page.ScreenshotAsync(
            new PageScreenshotOptions
            {
                Path = file,
                FullPage = true,
                Animations = ScreenshotAnimations.Disabled,
            }
        );
        Console.WriteLine($"screenshots: {Path.GetFileName(file)} ({path})");
    }
}
return 0;

async Task<IBrowserContext> NewContextAsync(string? state, int width, int height)
{
    var context = await browser.NewContextAsync(
        new BrowserNewContextOptions
        {
            BaseURL = app,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            StorageState = state,
        }
    );
    // The demo loads while the pages are first asked for: on a busy machine a page can take more than the default 30 s.
    context.SetDefaultNavigationTimeout(120_000);
    context.SetDefaultTimeout(120_000);
    return context;
}

// Signs in on the development sign-in page, as a person would, and keeps the cookie for the pages.
async Task<string> SignedInAsync(string name, string role)
{
    await using var context = await NewContextAsync(null, 1280, 800);
    var page = await context.NewPageAsync();
    await page.GotoAsync("/sign-in");
    await page.GetByLabel("Your name").FillAsync(name);
    await page.GetByLabel(role).CheckAsync();
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    return await context.StorageStateAsync();
}

async Task<int> CountAsync(string state, string path, string selector)
{
    await using var context = await NewContextAsync(state, 1280, 800);
    var page = await context.NewPageAsync();
    await page.GotoAsync(path);
    return await page.Locator(selector).CountAsync();
}

async Task<string> FirstHrefAsync(string state, string path, string selector)
{
    await using var context = await NewContextAsync(state, 1280, 800);
    var page = await context.NewPageAsync();
    await page.GotoAsync(path);
    return await page.Locator(selector).First.GetAttributeAsync("href")
        ?? throw new InvalidOperationException($"{path} links to no application");
}

// The path and query of the status link in the application's acknowledgement email, once it has been written.
string? StatusLink(string id)
{
    if (!Directory.Exists(pickup))
    {
        return null;
    }
    foreach (var file in Directory.GetFiles(pickup, "*.eml"))
    {
        var message = MimeMessage.Load(file);
        if (
            message.Headers["X-Categories"] == "Acknowledgement"
            && (message.Subject ?? "").Contains(id, StringComparison.Ordinal)
            && Regex.Match(message.TextBody ?? "", @"https?://\S+/status/\S+") is { Success: true } link
        )
        {
            return new Uri(link.Value).PathAndQuery;
        }
    }
    return null;
}

static async Task<T> WaitUntilAsync<T>(string what, Func<Task<T>> condition)
{
    var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
    while (true)
    {
        var value = await condition();
        if (value is not (null or false))
        {
            return value;
        }
        if (DateTimeOffset.UtcNow > deadline)
        {
            throw new TimeoutException($"Gave up waiting for {what} after 3 minutes");
        }
        await Task.Delay(500);
    }
}
