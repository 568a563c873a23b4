using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// Who may do what. Bearer tokens carry role <c>Reviewer</c> with a claim <c>sha</c> (their SHA's code) or
/// role <c>National</c>. In Azure they are Entra ID app roles; locally they come from <c>dotnet user-jwts</c>.
/// Functions have no endpoint authorization, so each handler asks <see cref="Access"/> first, in both hosts.
/// </summary>
public static class Security
{
    public const string ReviewerRole = "Reviewer";
    public const string NationalRole = "National";
    public const string ShaClaim = "sha";

    public static IServiceCollection AddProgrammeSecurity(this IServiceCollection services)
    {
        // Configured from Authentication:Schemes:Bearer (dotnet user-jwts writes it for local use).
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // ASP.NET Core's request log writes the whole URL, and the intake key travels as ?code= (SendGrid can send no
        // header): keep that log to warnings, whatever the configured levels. Added after configuration, so it wins.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter(RequestLogCategory, LogLevel.Warning));
        return services;
    }

    /// <summary>Where the bearer token settings live (issuer, audiences, signing keys); read afresh when they
    /// change.</summary>
    public const string BearerSection = "Authentication:Schemes:Bearer";

    /// <summary>The category of ASP.NET Core's "Request starting ..." and "Request finished ..." lines.</summary>
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
}

/// <summary>Which signed-in people a request needs.</summary>
public enum Audience
{
    /// <summary>SHA reviewers and the national team.</summary>
    Staff,

    /// <summary>The national team only.</summary>
    National,
}

/// <summary>Signs the caller in from their bearer token and checks their role: the first step of every staff
/// handler.</summary>
public static class Access
{
    /// <summary>The signed-in person, or the answer to give instead: 401 without a valid token, 403 without the
    /// role.</summary>
    public static async Task<Step<Staff, ProblemHttpResult>> SignInAsync(HttpRequest request, Audience audience)
    {
        var result = await request.HttpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            request.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = JwtBearerDefaults.AuthenticationScheme;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in first",
                detail: "Send a bearer token for the programme (role Reviewer with claim 'sha', or National)."
            );
        }
        request.HttpContext.User = result.Principal;
        var staff = Staff.From(result.Principal);
        return Refusal(result.Principal, staff, audience, "do this") is { } why ? Problems.Forbidden(why) : staff;
    }

    /// <summary>
    /// Why this signed-in person may not <paramref name="action"/> for this audience, or null when they may: the one
    /// rule the API and the pages both ask.
    /// </summary>
    public static string? Refusal(ClaimsPrincipal user, Staff staff, Audience audience, string action)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(staff);
        return audience switch
        {
            _ when staff.IsNational => null,
            Audience.National => $"Only the national team may {action}.",
            _ when !user.IsInRole(Security.ReviewerRole) => $"Only SHA reviewers and the national team may {action}.",
            // A reviewer is a reviewer of one SHA: without a known one the sign-in is incomplete, so it opens nothing.
            _ when staff.Sha is null => "Your sign-in names no known SHA (claim 'sha', Q30 to Q39).",
            _ => null,
        };
    }
}

/// <summary>The signed-in person as the programme sees them.</summary>
public sealed record Staff(string Name, bool IsNational, ShaCode? Sha)
{
    public static Staff From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var sha = ShaCode.From(user.FindFirstValue(Security.ShaClaim));
        return new Staff(name, user.IsInRole(Security.NationalRole), sha.IsSuccess ? sha.Value : null);
    }

    /// <summary>The national team sees every SHA; a reviewer sees only their own.</summary>
    public bool MaySee(string shaCode) => IsNational || string.Equals(Sha?.Code, shaCode, StringComparison.Ordinal);

    /// <summary>Only a reviewer of that SHA acts on its applications.</summary>
    public bool MayDecide(string shaCode) =>
        Sha is not null && string.Equals(Sha.Code, shaCode, StringComparison.Ordinal);
}
