using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathfinder.Functions.Hosting;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>
/// The real app on a real Azurite, with its own tables and task hub, a fake clock the test moves, and
/// bearer tokens signed by a test key. Ticks are run by the test, not by a background service.
/// </summary>
public sealed class PathfinderApp : WebApplicationFactory<Program>
{
    public const string IntakeKey = "test-intake-key-0123456789";
    private const string Issuer = "pathfinder-tests";
    private const string Audience = "pathfinder-onboarding";
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("a test-only signing key of 32+ bytes, never deployed"));

    private readonly string _prefix;

    public PathfinderApp()
        : this(Azurite.UniqueName("T"), new DateTimeOffset(2010, 11, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    private PathfinderApp(string prefix, DateTimeOffset now)
    {
        _prefix = prefix;
        Clock = new FakeTimeProvider(now);
    }

    public FakeTimeProvider Clock { get; }

    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "pathfinder-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings on top of the app's own; each names what differs from production and why.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("AzureWebJobsStorage", Azurite.Shared.ConnectionString);
        // Own tables and task hub, so tests share one Azurite without seeing each other's data.
        builder.UseSetting("Storage:TablePrefix", _prefix);
        builder.UseSetting("Durable:TaskHub", _prefix + "Hub");
        builder.UseSetting("Intake:Key", IntakeKey);
        // No SendGrid key: mail goes to .eml files, as on a developer machine.
        builder.UseSetting("Notifications:PickupDirectory", PickupDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // The test drives ticks itself, at the moments it chooses.
            services.RemoveAll<IHostedService>();
            // Production validates Entra ID (or dotnet user-jwts) tokens; tests sign their own.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = SigningKey,
                    // The fake clock is years behind the real one that checks token lifetimes.
                    ValidateLifetime = false,
                };
            });
        });
    }

    /// <summary>A fresh app whose clock starts at <paramref name="now"/> (the clock only moves forward).</summary>
    public static PathfinderApp StartingAt(DateTimeOffset now) => new(Azurite.UniqueName("T"), now);

    /// <summary>
    /// A new process on this one's tables and task hub, its clock where this one's is now, with the same settings:
    /// dispose this one, then use the new one, as after a restart or a deployment.
    /// </summary>
    public PathfinderApp Restarted()
    {
        var next = new PathfinderApp(_prefix, Clock.GetUtcNow());
        foreach (var (key, value) in Settings)
        {
            next.Settings[key] = value;
        }
        return next;
    }

    /// <summary>A client signed in as a reviewer of one SHA.</summary>
    public HttpClient Reviewer(string sha, string name = "Dr Ann Reviewer") =>
        Client(name, [new Claim("role", Security.ReviewerRole), new Claim(Security.ShaClaim, sha)]);

    /// <summary>A client signed in as the national team.</summary>
    public HttpClient National(string name = "National Team") => Client(name, [new Claim("role", Security.NationalRole)]);

    /// <summary>A client signed in, but with neither programme role: someone else in the organisation.</summary>
    public HttpClient SignedInWithoutRole(string name = "Someone Else") => Client(name, []);

    /// <summary>A client with the intake key, as the email intake or an integration would call.</summary>
    public HttpClient Intake()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", IntakeKey);
        return client;
    }

    /// <summary>Runs what the timer function would: due timers, then the outbox.</summary>
    public Task<TickSummary> TickAsync() => Services.GetRequiredService<ProgrammeTick>().RunAsync(CancellationToken.None);

    /// <summary>Moves the clock and ticks, as the periodic tick would after that much time.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await TickAsync();
    }

    /// <summary>Every email written so far, as raw MIME text.</summary>
    public IReadOnlyList<string> Mail() =>
        Directory.Exists(PickupDirectory)
            ? [.. Directory.GetFiles(PickupDirectory, "*.eml").Order().Select(File.ReadAllText)]
            : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
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
