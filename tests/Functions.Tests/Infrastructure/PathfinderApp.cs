using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>
/// The real app in the local host, listening on a free loopback port, on the real Durable backend (Azure Storage on
/// the shared Azurite) with its own tables and task hub, and bearer tokens signed by a test key.
/// </summary>
public sealed class PathfinderApp : IDisposable
{
    public const string IntakeKey = "test-intake-key-0123456789";
    private const string Issuer = "pathfinder-tests";
    private const string Audience = "pathfinder-onboarding";
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("a test-only signing key of 32+ bytes, never deployed"));

    private readonly string _prefix;
    private WebApplication? _app;

    public PathfinderApp()
        : this(Azurite.UniqueName("T"), [])
    {
    }

    private PathfinderApp(string prefix, Dictionary<string, string?> settings)
    {
        _prefix = prefix;
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "pathfinder-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings on top of the app's own, set before first use; each names what differs from production and why.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The running app (started on first use).</summary>
    public WebApplication App => _app ??= Start();

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress => new(App.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));

    /// <summary>A fresh app with these settings (each saying why it differs from production).</summary>
    public static PathfinderApp With(params (string Key, string? Value)[] settings) =>
        new(Azurite.UniqueName("T"), settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>
    /// A new process on this one's tables and task hub, with the same settings: dispose this one, then use the new
    /// one, as after a restart or a deployment.
    /// </summary>
    public PathfinderApp Restarted() => new(_prefix, Settings);

    /// <summary>A client signed in as a reviewer of one SHA.</summary>
    public HttpClient Reviewer(string sha, string name = "Dr Ann Reviewer") =>
        Client(name, [new Claim("role", Security.ReviewerRole), new Claim(Security.ShaClaim, sha)]);

    /// <summary>A client signed in as the national team.</summary>
    public HttpClient National(string name = "National Team") => Client(name, [new Claim("role", Security.NationalRole)]);

    /// <summary>A client signed in, but with neither programme role: someone else in the organisation.</summary>
    public HttpClient SignedInWithoutRole(string name = "Someone Else") => Client(name, []);

    /// <summary>A client with the intake key, as the email intake or an integration would call.</summary>
    public IntakeClient Intake()
    {
        var client = new IntakeClient(this) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", IntakeKey);
        return client;
    }

    /// <summary>Waits (at most 30 s) until the application's orchestration has put it in the read model.</summary>
    public async Task WaitUntilRegisteredAsync(string reference)
    {
        var applications = Services.GetRequiredService<Pathfinder.Functions.Applications.ApplicationRepository>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await applications.GetAsync(reference, CancellationToken.None) is null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Application {reference} was not registered within 30 s.");
            await Task.Delay(50);
        }
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

    private WebApplication Start()
    {
        var app = LocalProgramme.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString,
                // Own tables and task hub, so tests share one Azurite without seeing each other's data.
                ["Storage:TablePrefix"] = _prefix,
                ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = _prefix + "Hub",
                // One partition: a test's few instances need no more, and the worker starts sooner.
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "1",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
                ["Intake:Key"] = IntakeKey,
                // No SendGrid key: mail goes to .eml files, as on a developer machine.
                ["Notifications:PickupDirectory"] = PickupDirectory,
            }.Concat(Settings));
            // Production validates Entra ID (or dotnet user-jwts) tokens; tests sign their own.
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = SigningKey,
                });
        });
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    private HttpClient Client(string name, Claim[] claims)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("name", name), new Claim("sub", name), .. claims]),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>An intake client that knows its app, so a submission can wait for the application to be registered.</summary>
public sealed class IntakeClient(PathfinderApp app) : HttpClient
{
    public PathfinderApp App { get; } = app;
}
