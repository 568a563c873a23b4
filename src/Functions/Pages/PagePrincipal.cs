using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// Who is signed in to the pages. In Azure, App Service Authentication signs people in with Entra ID and passes the
/// principal in <c>X-MS-CLIENT-PRINCIPAL</c>. The platform strips that header from what callers send only while its
/// authentication is on, so in <see cref="PageSignIn.EasyAuth"/> mode the header is believed only when the platform
/// vouches for it (<see cref="AppServiceAuthenticationOptions.Vouches"/>); otherwise the caller is nobody. In
/// Development a local page writes the same principal into a protected cookie. Either way the roles and the
/// <c>sha</c> claim are those the API's bearer tokens carry.
/// </summary>
public sealed partial class PagePrincipal(
    IOptions<PageOptions> options,
    IOptions<AppServiceAuthenticationOptions> platform,
    IDataProtectionProvider protection,
    ILogger<PagePrincipal> logger
)
{
    public const string EasyAuthHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string DevelopmentCookie = "pathfinder-sign-in";

    private readonly IDataProtector _cookie = protection.CreateProtector("Pathfinder.Pages.DevelopmentSignIn");

    public PageSignIn Mode => options.Value.SignIn ?? PageSignIn.EasyAuth;

    /// <summary>The signed-in person's principal, or null for nobody (or anything unreadable).</summary>
    public ClaimsPrincipal? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Mode != PageSignIn.EasyAuth)
        {
            return FromCookie(request.Cookies[DevelopmentCookie]);
        }
        var header = request.Headers[EasyAuthHeader].FirstOrDefault();
        if (platform.Value.Vouches(request))
        {
            return FromEasyAuth(header);
        }
        // Without the platform's word the header is whatever the caller wrote: a forgery signs nobody in.
        if (!string.IsNullOrEmpty(header))
        {
            PrincipalIgnored(
                logger,
                platform.Value.IsOn
                    ? "it names another identity provider than Entra ID"
                    : "App Service Authentication is off (WEBSITE_AUTH_ENABLED is not True)"
            );
        }
        return null;
    }

    /// <summary>Development only: signs this browser in as the chosen person.</summary>
    public void SignInForDevelopment(HttpResponse response, DevelopmentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Mode != PageSignIn.Development)
        {
            throw new InvalidOperationException("The development sign-in is off.");
        }
        response.Cookies.Append(
            DevelopmentCookie,
            _cookie.Protect(JsonSerializer.Serialize(identity)),
            CookieOptions(response.HttpContext.Request.IsHttps)
        );
    }

    public static void SignOut(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(DevelopmentCookie, CookieOptions(response.HttpContext.Request.IsHttps));
    }

    /// <summary>HttpOnly and SameSite=Strict always; Secure over HTTPS, as every request in Azure is.</summary>
    private static CookieOptions CookieOptions(bool https) =>
        new()
        {
            Secure = https,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        };

    private ClaimsPrincipal? FromCookie(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var identity = JsonSerializer.Deserialize<DevelopmentIdentity>(_cookie.Unprotect(value));
            return identity is null ? null : Principal("Development", identity.Name, [identity.Role], identity.Sha);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads App Service Authentication's principal: base64 JSON with <c>claims</c> of <c>typ</c> and
    /// <c>val</c>.</summary>
    private static ClaimsPrincipal? FromEasyAuth(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        try
        {
            var principal = JsonSerializer.Deserialize<EasyAuthPrincipal>(
                Encoding.UTF8.GetString(Convert.FromBase64String(header)),
                JsonSerializerOptions.Web
            );
            if (principal?.Claims is not { } claims)
            {
                return null;
            }
            var roleType = principal.RoleTyp ?? "roles";
            var nameType = principal.NameTyp ?? ClaimTypes.Name;
            string? Value(string type) => claims.FirstOrDefault(c => c.Typ == type)?.Val;
            return Principal(
                principal.AuthTyp ?? "aad",
                Value(nameType) ?? Value("name") ?? Value("preferred_username") ?? "unknown",
                [.. claims.Where(c => c.Typ == roleType || c.Typ == ClaimTypes.Role).Select(c => c.Val ?? "")],
                Value(Security.ShaClaim)
            );
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static ClaimsPrincipal Principal(string scheme, string name, IEnumerable<string> roles, string? sha)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Where(r => r.Length > 0).Select(r => new Claim(ClaimTypes.Role, r)));
        if (sha is not null)
        {
            claims.Add(new Claim(Security.ShaClaim, sha));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "A page request carried X-MS-CLIENT-PRINCIPAL and was treated as " + "nobody signed in: {Why}."
    )]
    private static partial void PrincipalIgnored(ILogger logger, string why);

    private sealed record EasyAuthPrincipal(
        [property: System.Text.Json.Serialization.JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("name_typ")] string? NameTyp,
        [property: System.Text.Json.Serialization.JsonPropertyName("role_typ")] string? RoleTyp,
        IReadOnlyList<EasyAuthClaim>? Claims
    );

    private sealed record EasyAuthClaim(string? Typ, string? Val);
}

/// <summary>Who a developer signs in as on the development sign-in page.</summary>
public sealed record DevelopmentIdentity(string Name, string Role, string? Sha);
