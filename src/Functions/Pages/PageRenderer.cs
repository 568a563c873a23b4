using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// Renders a page component to HTML on the server and answers with it. Each answer gets its own content security
/// policy: scripts and styles from the app only, plus the one inline script NHS.UK pages start with, by nonce.
/// </summary>
public sealed class PageRenderer(
    IServiceProvider services,
    ILoggerFactory loggers,
    IAntiforgery antiforgery,
    IOptions<PageOptions> options
)
{
    /// <summary>A refusal or dead end as a page (400, 403, 404, 410) with this title and explanation.</summary>
    public Task<HtmlPage> ProblemAsync(HttpContext http, Staff? viewer, string title, string detail, int status) =>
        RenderAsync<Shared.ProblemPage>(http, viewer, new Shared.ProblemModel(title, detail), status);

    /// <summary>The page <typeparamref name="TPage"/> with <paramref name="model"/> as its <c>Model</c>.</summary>
    public async Task<HtmlPage> RenderAsync<TPage>(
        HttpContext http,
        Staff? viewer,
        object? model,
        int status = StatusCodes.Status200OK
    )
        where TPage : IComponent
    {
        ArgumentNullException.ThrowIfNull(http);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // Only signed-in people post forms; the token is bound to who they are.
        var token = viewer is null ? null : antiforgery.GetAndStoreTokens(http).RequestToken;
        var page = new PageContext(
            viewer,
            nonce,
            token,
            options.Value.SignIn == PageSignIn.Development,
            http.Request.Path.Value ?? "/"
        );
        var parameters = new Dictionary<string, object?> { [nameof(PageBase<object>.Page)] = page };
        if (model is not null)
        {
            parameters[nameof(PageBase<object>.Model)] = model;
        }

        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters))).ToHtmlString()
        );

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' https://assets.nhs.uk; form-action 'self'; frame-ancestors "
            + "'none'; "
            + "base-uri 'none'; object-src 'none'";
        // Pages show people's applications: no browser or proxy keeps a copy.
        headers.CacheControl = "no-store";
        return new HtmlPage("<!DOCTYPE html>\n" + html, status);
    }
}
