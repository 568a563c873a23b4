using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Pages.SignIn;

/// <summary>
/// The development sign-in: choose a role and an SHA, and this browser carries the same principal Entra ID would
/// give. Outside the Development environment (where <see cref="PageSignIn.Development"/> cannot be set) it is 404.
/// </summary>
public sealed class SignInFunctions(PagePrincipal principals, PageAccess access, IAntiforgery antiforgery)
{
    [Function(nameof(SignInPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> SignInPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign-in")] HttpRequest request
    )
    {
        if (principals.Mode != PageSignIn.Development)
        {
            return await access.NotFoundAsync(request, null, "Sign in from the link on the home page.");
        }
        return await FormAsync(request, null, null, request.Query["returnUrl"].FirstOrDefault(), []);
    }

    [Function(nameof(SignInAs))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> SignInAs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign-in")] HttpRequest request
    )
    {
        if (principals.Mode != PageSignIn.Development)
        {
            return await access.NotFoundAsync(request, null, "Sign in from the link on the home page.");
        }
        if (!request.HasFormContentType || !await antiforgery.IsRequestValidAsync(request.HttpContext))
        {
            return await FormAsync(
                request,
                null,
                null,
                null,
                [new ValidationProblem("role", "The form had expired. Choose who to sign in as again.")],
                StatusCodes.Status400BadRequest
            );
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var name = form["name"].FirstOrDefault()?.Trim();
        var role = form["role"].FirstOrDefault();
        var returnUrl = form["returnUrl"].FirstOrDefault();
        DevelopmentIdentity? identity =
            role == "national"
                ? new DevelopmentIdentity(Named(name, "National team member"), Security.NationalRole, null)
            : ShaCode.From(role) is { IsSuccess: true } sha
                ? new DevelopmentIdentity(
                    Named(name, $"{sha.Value.Code} reviewer"),
                    Security.ReviewerRole,
                    sha.Value.Code
                )
            : null;
        if (identity is null)
        {
            return await FormAsync(
                request,
                name,
                role,
                returnUrl,
                [
                    new ValidationProblem(
                        "role",
                        "Choose who to sign in as: a reviewer of one SHA, or the national team."
                    ),
                ],
                StatusCodes.Status400BadRequest
            );
        }
        principals.SignInForDevelopment(request.HttpContext.Response, identity);
        return TypedResults.Redirect(returnUrl is { Length: > 1 } ? PageAccess.LocalPath(returnUrl) : "/review");
    }

    [Function(nameof(SignOut))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign-out")] HttpRequest request
    )
    {
        if (principals.Mode != PageSignIn.Development)
        {
            return TypedResults.Redirect("/.auth/logout");
        }
        // Signed in with a valid form: signed out. Anyone else has nothing to sign out of, and goes home too.
        if (!(await access.SignInToPostAsync(request, Audience.Staff)).Refuses(out _, out _))
        {
            PagePrincipal.SignOut(request.HttpContext.Response);
        }
        return TypedResults.Redirect("/");
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> FormAsync(
        HttpRequest request,
        string? name,
        string? role,
        string? returnUrl,
        IReadOnlyList<ValidationProblem> problems,
        int status = StatusCodes.Status200OK
    )
    {
        var token = antiforgery.GetAndStoreTokens(request.HttpContext).RequestToken!;
        return await access.Pages.RenderAsync<SignInPage>(
            request.HttpContext,
            null,
            new SignInModel(name, role, PageAccess.LocalPath(returnUrl), token, problems),
            status
        );
    }

    private static string Named(string? name, string otherwise) =>
        string.IsNullOrWhiteSpace(name) ? otherwise : name[..Math.Min(name.Length, 100)];
}
