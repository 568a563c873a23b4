using Microsoft.Playwright;
using Pathfinder.Testing;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// One local host (its own process, Development environment, so the development sign-in page is on) and one headless
/// chromium, shared by every browser test: starting either costs seconds, and the tests isolate themselves by
/// application. Each test opens its own browser context (its own cookies), so sign-ins never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Debian's chromium (scripts/setup.sh installs it): Playwright cannot download its own browsers
    /// here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long any one browser action or wait may take before the test fails.</summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Signs SendGrid's delivery events for the app, which is given its verification key.</summary>
    private readonly EventWebhookSigner _signer = new();
    private readonly string _pickup = Path.Combine(
        Path.GetTempPath(),
        "pathfinder-browser-" + Guid.NewGuid().ToString("N")
    );
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private LocalHostProcess? _host;
    private Task<Seeded>? _seeded;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SignIn, Lazy<Task<string>>> _signedIn = new();

    public LocalHostProcess Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public string PickupDirectory => _pickup;

    public EventWebhookSigner Signer => _signer;

    /// <summary>The applications every test may use, submitted when the fixture starts (registration takes
    /// seconds).</summary>
    public Task<Seeded> Applications => _seeded ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_pickup);
        var starting = LocalHostProcess.StartAsync(
            Azurite.UniqueName("B"),
            _pickup,
            new Dictionary<string, string>
            {
                ["Pages__SignIn"] = "Development",
                ["SendGrid__EventWebhook__VerificationKey"] = _signer.VerificationKey,
            },
            environmentName: "Development"
        );
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = File.Exists(ChromiumPath)
                    ? ChromiumPath
                    : throw new InvalidOperationException(
                        $"{ChromiumPath} is missing: run scripts/setup.sh (it installs Debian's chromium)."
                    ),
                Headless = true,
                // Root in a container (as CI runs) has no user namespaces for chromium's sandbox.
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
                Timeout = 60_000,
            }
        );
        _host = await starting;
        _seeded = Seeded.SubmitAsync(_host);
        await _seeded;
    }

    /// <summary>
    /// A fresh browser context and page on the app, at a width; signed in as <paramref name="signIn"/> when given
    /// (through the sign-in page once per person, then with that sign-in's cookie), otherwise with no cookies.
    /// </summary>
    public async Task<IPage> NewPageAsync(
        SignIn? signIn = null,
        int width = 1280,
        int height = 900,
        bool javaScript = true
    )
    {
        string? state = null;
        if (signIn is not null)
        {
            var signedIn = _signedIn.GetOrAdd(signIn, who => new(() => SignedInStateAsync(who)));
            try
            {
                state = await signedIn.Value;
            }
            catch
            {
                // This test fails; the next one signs in again rather than inherit the failure (a slow machine's
                // timeout).
                _signedIn.TryRemove(KeyValuePair.Create(signIn, signedIn));
                throw;
            }
        }
        return await NewContextPageAsync(state, width, height, javaScript);
    }

    private async Task<IPage> NewContextPageAsync(string? storageState, int width, int height, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = Host.Address.ToString().TrimEnd('/'),
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Locale = "en-GB",
                TimezoneId = "Europe/London",
                StorageState = storageState,
                JavaScriptEnabled = javaScript,
            }
        );
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    private async Task<string> SignedInStateAsync(SignIn who)
    {
        var page = await NewContextPageAsync(null, 1280, 900);
        try
        {
            await SignInAsync(page, who);
            return await page.Context.StorageStateAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Signs in through the development sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, SignIn who)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Your name").FillAsync(who.Name);
        await page.GetByLabel(who.Role).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    public void Dispose() => _signer.Dispose();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _host?.Dispose();
        // This test process's only user of Azurite: stop it now rather than trust the exit handler to run.
        Azurite.Shared.Dispose();
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }
}

/// <summary>Who signs in on the development sign-in page: the name typed, and the radio's label.</summary>
public sealed record SignIn(string Name, string Role)
{
    public static SignIn Reviewer(string sha = "Q35", string name = "Dr Ann Reviewer") =>
        new(name, $"Reviewer for {ShaName(sha)} ({sha})");

    public static readonly SignIn National = new("Nina National", "The national team");

    private static string ShaName(string sha) => Pathfinder.Domain.ShaCode.From(sha).Value?.Name ?? sha;
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
