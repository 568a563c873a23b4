using Microsoft.Extensions.Options;
using Pathfinder.Functions.Pages;

namespace Pathfinder.LocalHost;

/// <summary>
/// What the local host says in App Service's place (section <c>LocalHost:Platform</c>), for tests only. In Azure the
/// platform itself sets <c>WEBSITE_AUTH_ENABLED</c>; here the local host is the platform, so it tells the app whether
/// App Service Authentication is on from this setting alone (an inherited <c>WEBSITE_AUTH_ENABLED</c> is ignored).
/// It cannot reach production: only the local host reads it, the deployed package does not contain the local host,
/// and even the local host refuses to start with it on outside the Development and Testing environments.
/// </summary>
public sealed class PlatformEmulationOptions
{
    public const string SectionName = "LocalHost:Platform";

    /// <summary>
    /// Whether the emulated App Service Authentication is on. On, the app believes the principal headers a test sends
    /// as the platform would; off (the default), it believes none, as in Azure with the platform's authentication off.
    /// </summary>
    public bool AuthenticationEnabled { get; set; }
}

/// <summary>Wires <see cref="PlatformEmulationOptions"/> into the app's view of the platform.</summary>
public static class PlatformEmulation
{
    public static IServiceCollection AddPlatformEmulation(this IServiceCollection services)
    {
        services
            .AddOptions<PlatformEmulationOptions>()
            .BindConfiguration(PlatformEmulationOptions.SectionName)
            .Validate<IHostEnvironment>(
                (o, env) => !o.AuthenticationEnabled || env.IsDevelopment() || env.IsEnvironment("Testing"),
                "LocalHost:Platform:AuthenticationEnabled stands in for App Service in tests and is refused outside "
                    + "the "
                    + "Development and Testing environments."
            )
            .ValidateOnStart();
        services
            .AddOptions<AppServiceAuthenticationOptions>()
            .PostConfigure<IOptions<PlatformEmulationOptions>>(
                (o, emulated) => o.Enabled = emulated.Value.AuthenticationEnabled ? "True" : "False"
            );
        return services;
    }
}
