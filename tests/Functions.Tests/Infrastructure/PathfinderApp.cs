using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Hosting;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>
/// The real app in the local host, listening on a free loopback port, on the real Durable backend (Azure Storage on
/// the shared Azurite) with its own tables and task hub, and bearer tokens signed by a test key.
/// </summary>
public sealed class PathfinderApp : IDisposable
{
    public const string IntakeKey = TestTokens.IntakeKey;

    private readonly string _prefix;
    private WebApplication? _app;

    public PathfinderApp()
        : this(Azurite.UniqueName("T"), []) { }

    private PathfinderApp(string prefix, Dictionary<string, string?> settings)
    {
        _prefix = prefix;
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    public string PickupDirectory { get; private init; } =
        Path.Combine(Path.GetTempPath(), "pathfinder-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings on top of the app's own, set before first use; each names what differs from production and
    /// why.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The host environment (Testing unless a test needs Development's behaviour), set before first
    /// use.</summary>
    public string Environment { get; set; } = "Testing";

    /// <summary>Changes to the app's builder beyond settings (a logger provider, say), set before first use.</summary>
    public Action<WebApplicationBuilder>? Configure { get; set; }

    /// <summary>The running app (started on first use).</summary>
    public WebApplication App => _app ??= Start();

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress => App.Address();

    /// <summary>A fresh app with these settings (each saying why it differs from production).</summary>
    public static PathfinderApp With(params (string Key, string? Value)[] settings) =>
        new(Azurite.UniqueName("T"), settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>
    /// Another process of the same app after this one stops: same task hub, tables and mail folder, these settings.
    /// </summary>
    public PathfinderApp Restarted(params (string Key, string? Value)[] settings) =>
        new(_prefix, settings.ToDictionary(s => s.Key, s => s.Value)) { PickupDirectory = PickupDirectory };

    /// <summary>Stops the app, as a deployment stops the old process, leaving its storage for the next.</summary>
    public void Stop() => _app?.StopAsync().GetAwaiter().GetResult();

    /// <summary>
    /// A second app on <paramref name="first"/>'s tables, task hub and key ring (as a second instance in Azure would
    /// be),
    /// with these settings: what differs between two hosts of one deployment, e.g. the platform's authentication.
    /// </summary>
    public static PathfinderApp Beside(PathfinderApp first, params (string Key, string? Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new(first._prefix, settings.ToDictionary(s => s.Key, s => s.Value));
    }

    /// <summary>The prefix of this app's tables and task hub.</summary>
    public string StoragePrefix => _prefix;

    /// <summary>A client signed in as a reviewer of one SHA.</summary>
    public HttpClient Reviewer(string sha, string name = "Dr Ann Reviewer") =>
        TestTokens.Reviewer(BaseAddress, sha, name);

    /// <summary>A client signed in as the national team.</summary>
    public HttpClient National(string name = "National Team") => TestTokens.National(BaseAddress, name);

    /// <summary>A client signed in, but with neither programme role: someone else in the organisation.</summary>
    public HttpClient SignedInWithoutRole(string name = "Someone Else") => TestTokens.Client(BaseAddress, name, []);

    /// <summary>A client with the intake key, as the email intake or an integration would call.</summary>
    public IntakeClient Intake()
    {
        var client = new IntakeClient(this) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", IntakeKey);
        return client;
    }

    /// <summary>Waits (at most 30 s) until the application's orchestration has put it in the read model.</summary>
    public Task WaitUntilRegisteredAsync(string reference)
    {
        var applications = Services.GetRequiredService<Pathfinder.Functions.Applications.ApplicationRepository>();
        return Eventually.UntilAsync(
            $"application {reference} to be registered",
            TimeSpan.FromSeconds(30),
            async () => await applications.GetAsync(reference, CancellationToken.None) is not null,
            TimeSpan.FromMilliseconds(50)
        );
    }

    /// <summary>A client that sends no credential.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Every email written so far, as raw MIME text.</summary>
    public IReadOnlyList<string> Mail() =>
        Directory.Exists(PickupDirectory)
            ? [.. Directory.GetFiles(PickupDirectory, "*.eml").Order().Select(File.ReadAllText)]
            : [];

    public void Dispose()
    {
        if (_app is not null)
        {
            _app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)_app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
    }

    private WebApplication Start() =>
        InProcessHost.StartAsync(_prefix, PickupDirectory, Settings, Configure, Environment).GetAwaiter().GetResult();
}

/// <summary>An intake client that knows its app, so a submission can wait for the application to be
/// registered.</summary>
public sealed class IntakeClient(PathfinderApp app) : HttpClient
{
    public PathfinderApp App { get; } = app;
}
