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
    IReadOnlyList<Identity>? Unknown = null);

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
        var wave = (await national.ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(20)))
            ["number"]!.GetValue<int>();
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

    /// <summary>The route's template filled in with these values, e.g. applications/{id} as applications/PF-1.</summary>
    public static string Path(HttpFunction route, IReadOnlyDictionary<string, string> values, string query)
    {
        var path = Regex.Replace(route.Route, @"\{(?<name>[^}:]+)(:[^}]+)?\}", m =>
            values.TryGetValue(m.Groups["name"].Value, out var value)
                ? Uri.EscapeDataString(value)
                : throw new InvalidOperationException($"The rule for {route.Name} gives no value for {{{m.Groups["name"].Value}}}."));
        return "/" + path + query;
    }

    /// <summary>Sends the route's request as this identity; the caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpFunction route, Identity identity, string path, HttpContent? body,
        Action<HttpRequestMessage>? change = null)
    {
        using var client = ClientFor(identity);
        using var request = new HttpRequestMessage(new HttpMethod(route.Methods.Single()), new Uri(path, UriKind.Relative))
        {
            Content = body,
        };
        change?.Invoke(request);
        return await client.SendAsync(request);
    }

    /// <summary>A client that presents this identity's credential, and nothing else.</summary>
    public HttpClient ClientFor(Identity identity)
    {
        var app = App.BaseAddress;
        Claim[] reviewer(string sha) => [new("role", Security.ReviewerRole), new(Security.ShaClaim, sha)];
        return identity switch
        {
            Identity.NoCredential => App.CreateClient(),
            Identity.IntakeKey => WithKey(app, PathfinderApp.IntakeKey),
            Identity.WrongIntakeKey => WithKey(app, PathfinderApp.IntakeKey + "-wrong"),
            Identity.ReviewerOfTheSha => App.Reviewer(Sha),
            Identity.ReviewerOfAnotherSha => App.Reviewer(OtherSha),
            Identity.National => App.National(),
            Identity.SignedInWithoutRole => App.SignedInWithoutRole(),
            Identity.ExpiredToken => TestTokens.Bearer(app, TestTokens.Token("Dr Late", reviewer(Sha),
                expires: DateTime.UtcNow.AddHours(-1))),
            Identity.WrongAudience => TestTokens.Bearer(app, TestTokens.Token("Dr Elsewhere", reviewer(Sha),
                audience: "another-app")),
            Identity.WrongIssuer => TestTokens.Bearer(app, TestTokens.Token("Dr Elsewhere", reviewer(Sha),
                issuer: "someone-else")),
            Identity.BadSignature => TestTokens.Bearer(app, TestTokens.Token("Dr Forger", reviewer(Sha),
                signingKey: Encoding.UTF8.GetBytes("not the app's key, but 32+ bytes long all the same"))),
            Identity.ReviewerWithoutSha => TestTokens.Bearer(app, TestTokens.Token("Dr Nowhere",
                [new Claim("role", Security.ReviewerRole)])),
            Identity.ReviewerOfUnknownSha => TestTokens.Bearer(app, TestTokens.Token("Dr Nowhere", reviewer(UnknownSha))),
            _ => throw new ArgumentOutOfRangeException(nameof(identity), identity, null),
        };
    }

    private static HttpClient WithKey(Uri app, string key)
    {
        var client = new HttpClient { BaseAddress = app };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    public static JsonContent Json(object value) => JsonContent.Create(value);
}
