using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Testing;

/// <summary>
/// Bearer tokens signed by a test-only key, and the settings that make the app accept them (in place of Entra ID or
/// dotnet user-jwts): the same settings whether the app runs in this process or in its own.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "pathfinder-tests";
    public const string Audience = "pathfinder-onboarding";
    public const string IntakeKey = "test-intake-key-0123456789";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test-only signing key of 32+ bytes, never deployed");

    /// <summary>Signs applicants' status links in tests; never deployed.</summary>
    public static readonly string StatusLinkKey = Convert.ToBase64String(
        Encoding.UTF8.GetBytes("a test-only status link key, 32+ bytes")
    );

    /// <summary>Where tests say the app lives: links in emails start here (tests follow their path and
    /// query).</summary>
    public const string PublicUrl = "http://localhost";

    /// <summary>The local host's test-only stand-in for App Service's <c>WEBSITE_AUTH_ENABLED</c>.</summary>
    public const string PlatformAuthenticationSetting = "LocalHost:Platform:AuthenticationEnabled";

    /// <summary>Bearer and page sign-in settings as configuration keys (use <c>__</c> for environment
    /// variables).</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string>
        {
            ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
            ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = Key.Length.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            // Pages: signed in through the platform's principal header (as in Azure), and status links signed.
            ["Pages:SignIn"] = "EasyAuth",
            // The local host stands in for App Service with its authentication on, so the principal a test sends is
            // believed
            // as the platform's would be. A test of the platform with it off says false.
            [PlatformAuthenticationSetting] = "true",
            ["Pages:StatusLinkKey"] = StatusLinkKey,
            ["Intake:PublicBaseUrl"] = PublicUrl,
        };

    /// <summary>A signed-in client: a reviewer of one SHA.</summary>
    public static HttpClient Reviewer(Uri app, string sha, string name = "Dr Ann Reviewer") =>
        Client(app, name, [new Claim("role", Security.ReviewerRole), new Claim(Security.ShaClaim, sha)]);

    /// <summary>A signed-in client: the national team.</summary>
    public static HttpClient National(Uri app, string name = "National Team") =>
        Client(app, name, [new Claim("role", Security.NationalRole)]);

    /// <summary>
    /// The principal App Service Authentication passes to the app in <c>X-MS-CLIENT-PRINCIPAL</c> once Entra ID has
    /// signed someone in: base64 JSON with the claims (a role, and for a reviewer the <c>sha</c> claim).
    /// </summary>
    public static string EasyAuthPrincipal(string name, string? role, string? sha = null)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        if (role is not null)
        {
            claims.Add(new { typ = "roles", val = role });
        }
        if (sha is not null)
        {
            claims.Add(new { typ = Security.ShaClaim, val = sha });
        }
        var json = System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                ["auth_typ"] = "aad",
                ["name_typ"] = "name",
                ["role_typ"] = "roles",
                ["claims"] = claims,
            }
        );
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// Adds what App Service Authentication passes once Entra ID has signed someone in: the principal, and the identity
    /// provider that signed them in (<c>aad</c>).
    /// </summary>
    public static void AddEasyAuthHeaders(System.Net.Http.Headers.HttpHeaders headers, string principal)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(Pathfinder.Functions.Pages.PagePrincipal.EasyAuthHeader, principal);
        headers.Add(
            Pathfinder.Functions.Pages.AppServiceAuthenticationOptions.IdentityProviderHeader,
            Pathfinder.Functions.Pages.AppServiceAuthenticationOptions.EntraId
        );
    }

    /// <summary>A client with the intake (function) key.</summary>
    public static HttpClient Intake(Uri app)
    {
        var client = new HttpClient { BaseAddress = app };
        client.DefaultRequestHeaders.Add("x-functions-key", IntakeKey);
        return client;
    }

    public static HttpClient Client(Uri app, string name, Claim[] claims) => Bearer(app, Token(name, claims));

    /// <summary>A client that sends this bearer token.</summary>
    public static HttpClient Bearer(Uri app, string token)
    {
        var client = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// A token as the app expects it, unless told otherwise: another issuer or audience, another signing key (a
    /// forged signature), or a lifetime that ended before <paramref name="expires"/>.
    /// </summary>
    public static string Token(
        string name,
        Claim[] claims,
        string issuer = Issuer,
        string audience = Audience,
        byte[]? signingKey = null,
        DateTime? expires = null
    )
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("name", name), new Claim("sub", name), .. claims]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(signingKey ?? Key),
                SecurityAlgorithms.HmacSha256
            ),
        };
        if (expires is { } end)
        {
            descriptor.Expires = end;
            descriptor.NotBefore = descriptor.IssuedAt = end.AddHours(-1);
        }
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
