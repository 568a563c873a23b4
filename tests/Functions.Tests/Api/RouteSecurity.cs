using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>Who calls: each credential the authorization matrix tries.</summary>
public enum Identity
{
    NoCredential,
    IntakeKey,
    WrongIntakeKey,
    ReviewerOfTheSha,
    ReviewerOfAnotherSha,
    National,
    SignedInWithoutRole,
    ExpiredToken,
    WrongAudience,
    WrongIssuer,
    BadSignature,
    ReviewerWithoutSha,
    ReviewerOfUnknownSha,
}

/// <summary>The real things a route's ids point at, made once through the API as users would.</summary>
public sealed record Resources(string Application, int AnnouncedWave, string RejectedEmail);

/// <summary>
/// How to call one route (its route values and body) and what each identity must get. <paramref name="Unknown"/>:
/// for routes with an id, who gets 404 for an id that does not exist (everyone else gets what they get for a real one).
/// </summary>
public sealed record RouteRule(
    Func<Resources, IReadOnlyDictionary<string, string>> Values,
    Func<HttpContent?> Body,
    IReadOnlyDictionary<Identity, int> Expected,
    string Query = "",
    Func<IReadOnlyDictionary<string, string>>? UnknownValues = null,
    IReadOnlyList<Identity>? Unknown = null
);

/// <summary>
/// The app with one application of Q35 under review, one announced wave and one rejected inbound email, and a way to
/// call any route of the catalog as any identity.
/// </summary>
public sealed class RouteSecurityFixture : IAsyncLifetime
{
    public const string Sha = "Q35";
    public const string OtherSha = "Q32";
    public const string UnknownSha = "Q99";

    public PathfinderApp App { get; } = new();

    public Resources Resources { get; private set; } = null!;

    public static IReadOnlyList<HttpFunction> Routes { get; } =
        FunctionCatalog.Of(typeof(ApplicationFunctions).Assembly).Http;

    public async Task InitializeAsync()
    {
        var application = await App.Intake().SubmitAsync(Forms.Valid(Sha));
        var national = App.National();
        var wave = (
            await national.ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(20))
        )["number"]!.GetValue<int>();
        using (var announced = await national.AnnounceAsync(wave))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, announced.StatusCode);
        }
        await national.AnnouncedWaveAsync(wave);
        // An email with only HTML is rejected (answered with a reply), so it can be neither released nor discarded.
        var email = await App.ReceiveAsync(new InboundParsePost { Html = "<p>Please find our interest attached.</p>" });
        Assert.Equal("rejected", email.Status());
        Resources = new Resources(application, wave, email["id"]!.GetValue<string>());
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The route's template filled in with these values, e.g. applications/{id} as
    /// applications/PF-1.</summary>
    public static string Path(HttpFunction route, IReadOnlyDictionary<string, string> values, string query)
    {
        var path = Regex.Replace(route.Route, @"\{(?<name>[^}:]+)(:[^}]+)?\}", m =>
            values.TryGetValue(m.Groups["name"].Value, out var value)
                ? Uri.EscapeDataString(value)
                : throw new InvalidOperationException(
                    $"The rule for {route.Name} gives no value for {{{m.Groups["name"].Value}}}."
                )
        );
        // host.json's route prefix is empty: each route says where it lives (api/... or a page at the root).
        return "/" + path + query;
    }

    /// <summary>Sends the route's request as this identity; the caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpFunction route,
        Identity identity,
        string path,
        HttpContent? body,
        Action<HttpRequestMessage>? change = null
    )
    {
        using var client = ClientFor(identity);
        using var request = new HttpRequestMessage(
            new HttpMethod(route.Methods.Single()),
            new Uri(path, UriKind.Relative)
        )
        {
            Content = body,
        };
        change?.Invoke(request);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// A client that presents this identity's credential, and nothing else, and does not follow redirects (a page
    /// answers nobody signed in with one). Besides the bearer token, a signed-in identity carries the principal App
    /// Service Authentication would pass for it, as pages read it; a token the platform would refuse carries none.
    /// </summary>
    public HttpClient ClientFor(Identity identity)
    {
        Claim[] reviewer(string sha) => [new("role", Security.ReviewerRole), new(Security.ShaClaim, sha)];
        Credential credential = identity switch
        {
            Identity.NoCredential => new(null, null, null),
            Identity.IntakeKey => new(null, PathfinderApp.IntakeKey, null),
            Identity.WrongIntakeKey => new(null, PathfinderApp.IntakeKey + "-wrong", null),
            Identity.ReviewerOfTheSha => new(
                TestTokens.Token("Dr Ann Reviewer", reviewer(Sha)),
                null,
                TestTokens.EasyAuthPrincipal("Dr Ann Reviewer", Security.ReviewerRole, Sha)
            ),
            Identity.ReviewerOfAnotherSha => new(
                TestTokens.Token("Dr Ann Reviewer", reviewer(OtherSha)),
                null,
                TestTokens.EasyAuthPrincipal("Dr Ann Reviewer", Security.ReviewerRole, OtherSha)
            ),
            Identity.National => new(
                TestTokens.Token("National Team", [new Claim("role", Security.NationalRole)]),
                null,
                TestTokens.EasyAuthPrincipal("National Team", Security.NationalRole)
            ),
            Identity.SignedInWithoutRole => new(
                TestTokens.Token("Someone", []),
                null,
                TestTokens.EasyAuthPrincipal("Someone", null)
            ),
            Identity.ExpiredToken => new(
                TestTokens.Token("Dr Late", reviewer(Sha), expires: DateTime.UtcNow.AddHours(-1)),
                null,
                null
            ),
            Identity.WrongAudience => new(
                TestTokens.Token("Dr Elsewhere", reviewer(Sha), audience: "another-app"),
                null,
                null
            ),
            Identity.WrongIssuer => new(
                TestTokens.Token("Dr Elsewhere", reviewer(Sha), issuer: "someone-else"),
                null,
                null
            ),
            Identity.BadSignature => new(
                TestTokens.Token(
                    "Dr Forger",
                    reviewer(Sha),
                    signingKey: Encoding.UTF8.GetBytes("not the app's key, but 32+ bytes long all the same")
                ),
                null,
                null
            ),
            Identity.ReviewerWithoutSha => new(
                TestTokens.Token("Dr Nowhere", [new Claim("role", Security.ReviewerRole)]),
                null,
                TestTokens.EasyAuthPrincipal("Dr Nowhere", Security.ReviewerRole)
            ),
            Identity.ReviewerOfUnknownSha => new(
                TestTokens.Token("Dr Nowhere", reviewer(UnknownSha)),
                null,
                TestTokens.EasyAuthPrincipal("Dr Nowhere", Security.ReviewerRole, UnknownSha)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(identity), identity, null),
        };
        var (token, key, principal) = credential;
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = App.BaseAddress,
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer",
                token
            );
        }
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }
        if (principal is not null)
        {
            TestTokens.AddEasyAuthHeaders(client.DefaultRequestHeaders, principal);
        }
        return client;
    }

    private sealed record Credential(string? Token, string? Key, string? Principal);

    public static JsonContent Json(object value) => JsonContent.Create(value);
}
