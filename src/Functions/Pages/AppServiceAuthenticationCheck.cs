using Microsoft.Extensions.Options;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// Says at start, as an error, when the pages expect App Service Authentication and the platform says it is off: the
/// app still starts (the public pages, status links and the API need no platform sign-in), but every staff page then
/// sends everyone to sign in, because no principal header can be believed.
/// </summary>
public sealed partial class AppServiceAuthenticationCheck(
    IOptions<PageOptions> pages,
    IOptions<AppServiceAuthenticationOptions> platform,
    ILogger<AppServiceAuthenticationCheck> logger
) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (pages.Value.SignIn == PageSignIn.EasyAuth && !platform.Value.IsOn)
        {
            PlatformAuthenticationOff(logger, platform.Value.Enabled ?? "not set");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Pages:SignIn is EasyAuth but App Service Authentication is off "
            + "(WEBSITE_AUTH_ENABLED is {Enabled}, not True): no X-MS-CLIENT-PRINCIPAL header is believed, so every "
            + "staff page "
            + "sends everyone to sign in and nobody can review or act. Turn App Service Authentication on with Entra "
            + "ID as "
            + "the provider (deploy infra/main.bicep, whose authsettingsV2 does it, or the portal's Authentication "
            + "page); the "
            + "app restarts with it on."
    )]
    private static partial void PlatformAuthenticationOff(ILogger logger, string enabled);
}
