using Microsoft.AspNetCore.Antiforgery;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Pages.Shared;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// The pages' first step, as <see cref="Access"/> is the API's: the same roles and SHA rule, answered as pages.
/// Nobody signed in is sent to sign in and brought back; the wrong person gets the 403 page.
/// </summary>
public sealed class PageAccess(PagePrincipal principals, PageRenderer pages, IAntiforgery antiforgery)
{
    public PageRenderer Pages => pages;

    /// <summary>The signed-in person, or the answer to give instead: to sign in, or the 403 page.</summary>
    public async Task<Step<Staff, Results<HtmlPage, RedirectHttpResult>>> SignInAsync(
        HttpRequest request,
        Audience audience
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = principals.Read(request);
        if (user is null)
        {
            return TypedResults.Redirect(SignInAddress(request)).AsAnswer();
        }
        request.HttpContext.User = user;
        var staff = Staff.From(user);
        var refusal = Access.Refusal(user, staff, audience, "open this page");
        return refusal is null ? staff : (await ForbiddenAsync(request, staff, refusal)).AsAnswer();
    }

    /// <summary>
    /// For a form post, once the person may act on what it is about: a valid antiforgery token, or the "form has
    /// expired" page (400). Checked after the 403 and 404, so a token says nothing about what exists.
    /// </summary>
    public async Task<HtmlPage?> CheckFormAsync(HttpRequest request, Staff? staff)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HasFormContentType && await antiforgery.IsRequestValidAsync(request.HttpContext))
        {
            return null;
        }
        return await pages.ProblemAsync(
            request.HttpContext,
            staff,
            "This form has expired",
            "Go back, reload the page and send the form again.",
            StatusCodes.Status400BadRequest
        );
    }

    /// <summary>For a form post about nothing in particular: <see cref="SignInAsync"/>, then <see
    /// cref="CheckFormAsync"/>.</summary>
    public async Task<Step<Staff, Results<HtmlPage, RedirectHttpResult>>> SignInToPostAsync(
        HttpRequest request,
        Audience audience
    )
    {
        if ((await SignInAsync(request, audience)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await CheckFormAsync(request, staff) is { } expired ? expired.AsAnswer() : staff;
    }

    public Task<HtmlPage> ForbiddenAsync(HttpRequest request, Staff? staff, string why) =>
        pages.ProblemAsync(
            request.HttpContext,
            staff,
            "You cannot open this page",
            why,
            StatusCodes.Status403Forbidden
        );

    public Task<HtmlPage> NotFoundAsync(HttpRequest request, Staff? staff, string what) =>
        pages.ProblemAsync(request.HttpContext, staff, "Page not found", what, StatusCodes.Status404NotFound);

    /// <summary>Where to sign in, coming back here afterwards: the platform's login in Azure, the local page
    /// otherwise.</summary>
    private string SignInAddress(HttpRequest request)
    {
        var back = Uri.EscapeDataString(LocalPath(request.Path + request.QueryString));
        return principals.Mode == PageSignIn.EasyAuth
            ? $"/.auth/login/aad?post_login_redirect_uri={back}"
            : $"/sign-in?returnUrl={back}";
    }

    /// <summary>Only a path on this site: never an address elsewhere (an open redirect), whatever was sent.</summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
            ? path
            : "/";
}
