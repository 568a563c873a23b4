namespace Pathfinder.Functions.Pages;

/// <summary>
/// What App Service says about its own authentication, the one thing that makes <c>X-MS-CLIENT-PRINCIPAL</c>
/// trustworthy: while it is on, the platform signs people in and removes the principal headers from everything a
/// caller sends; while it is off, anyone can send them. The platform sets <c>WEBSITE_AUTH_ENABLED</c> itself (to
/// <c>True</c> while it is on); this app never sets it (infra/ does not, and a test checks). The local host, which
/// stands in for the platform, sets it from its own test-only setting instead (<c>LocalHost:Platform</c>).
/// </summary>
public sealed class AppServiceAuthenticationOptions
{
    /// <summary>The platform's environment variable: <c>True</c> (any case) while its authentication is on.</summary>
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>The header in which the platform names the identity provider that signed the caller in.</summary>
    public const string IdentityProviderHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>The platform's name for Entra ID in <see cref="IdentityProviderHeader"/>: staff's only
    /// provider.</summary>
    public const string EntraId = "aad";

    /// <summary>The value of <see cref="EnabledSetting"/> as the platform gave it (null when it gave none).</summary>
    public string? Enabled { get; set; }

    /// <summary>True only for <c>True</c>: anything else (absent, <c>False</c>, unreadable) is off.</summary>
    public bool IsOn => string.Equals(Enabled?.Trim(), "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the platform vouches for this request's principal: on, and Entra ID signed the caller
    /// in.</summary>
    public bool Vouches(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsOn
            && request.Headers[IdentityProviderHeader] is [var provider]
            && string.Equals(provider, EntraId, StringComparison.OrdinalIgnoreCase);
    }
}
