using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Pages.Status;

namespace Pathfinder.Functions.Pages;

/// <summary>Registers what the pages need: options, the data protection key ring, antiforgery and the
/// renderer.</summary>
public static class PageServices
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services
            .AddOptions<PageOptions>()
            .BindConfiguration(PageOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>(
                (o, env) => o.SignIn != PageSignIn.Development || env.IsDevelopment(),
                "Pages:SignIn is Development, which is allowed only in the Development environment."
            )
            .Validate(o => IsKey(o.StatusLinkKey), "Pages:StatusLinkKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services
            .AddOptions<PageOptions>()
            .PostConfigure<IHostEnvironment>(
                (o, env) => o.SignIn ??= env.IsDevelopment() ? PageSignIn.Development : PageSignIn.EasyAuth
            );
        // The platform's own word on its authentication, as it gives it (an environment variable in Azure); the local
        // host, standing in for the platform, overrides it from its test-only setting.
        services
            .AddOptions<AppServiceAuthenticationOptions>()
            .Configure<IConfiguration>(
                (o, configuration) => o.Enabled = configuration[AppServiceAuthenticationOptions.EnabledSetting]
            );
        services.AddHostedService<AppServiceAuthenticationCheck>();

        // Every instance must read what another protected (antiforgery tokens, the development sign-in): the key ring
        // lives in the app's storage account, beside its other data, in both hosts.
        services.AddDataProtection().SetApplicationName("pathfinder-onboarding");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o =>
                o.XmlRepository = new BlobKeyRing(
                    sp.GetRequiredService<BlobServiceClient>()
                        .GetBlobContainerClient(
                            BlobKeyRing.ContainerName(
                                sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix
                            )
                        )
                )
        ));
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = AntiforgeryField;
            o.Cookie.Name = "pathfinder-csrf";
            // Secure wherever the request came over HTTPS, which in Azure is every request (the app is HTTPS only, and
            // the front end's X-Forwarded-Proto is taken as the scheme); plain HTTP is the local host alone.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Every answer already says X-Frame-Options: DENY (SecurityHeaders).
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<PagePrincipal>();
        services.AddSingleton<PageAccess>();
        services.AddSingleton<StatusLinks>();
        services.AddSingleton<Notifications.IStatusLinks>(sp => sp.GetRequiredService<StatusLinks>());
        return services;
    }

    private static bool IsKey(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 32;
    }
}
