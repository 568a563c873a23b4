using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// Who may do what. Bearer tokens carry role <c>Reviewer</c> with a claim <c>sha</c> (their SHA's code) or
/// role <c>National</c>. In Azure they are Entra ID app roles; locally they come from <c>dotnet user-jwts</c>.
/// </summary>
public static class Security
{
    public const string ReviewerRole = "Reviewer";
    public const string NationalRole = "National";
    public const string ShaClaim = "sha";

    /// <summary>Reviewers and the national team.</summary>
    public const string StaffPolicy = "Staff";

    /// <summary>The national team only.</summary>
    public const string NationalPolicy = "National";

    public static IServiceCollection AddProgrammeSecurity(this IServiceCollection services)
    {
        // Configured from Authentication:Schemes:Bearer (dotnet user-jwts writes it for local use).
        services.AddAuthentication().AddJwtBearer();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(ReviewerRole, NationalRole))
            .AddPolicy(NationalPolicy, p => p.RequireRole(NationalRole));
        return services;
    }
}

/// <summary>The signed-in person as the programme sees them.</summary>
public sealed record Staff(string Name, bool IsNational, ShaCode? Sha)
{
    public static Staff From(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var sha = ShaCode.From(user.FindFirstValue(Security.ShaClaim));
        return new Staff(name, user.IsInRole(Security.NationalRole), sha.IsSuccess ? sha.Value : null);
    }

    /// <summary>The national team sees every SHA; a reviewer sees only their own.</summary>
    public bool MaySee(string shaCode) => IsNational || string.Equals(Sha?.Code, shaCode, StringComparison.Ordinal);

    /// <summary>Only a reviewer of that SHA acts on its applications.</summary>
    public bool MayDecide(string shaCode) => Sha is not null && string.Equals(Sha.Code, shaCode, StringComparison.Ordinal);
}

/// <summary>Checks the intake key when the app runs without a Functions host (which would check it in Azure).</summary>
public sealed class IntakeKeyFilter(IOptions<IntakeOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.CheckedByFunctionsHost)
        {
            // authLevel "function": the host refused the call already unless it carried a function key.
            return await next(context);
        }
        var request = context.HttpContext.Request;
        var sent = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        var expected = options.Value.Key;
        if (string.IsNullOrEmpty(expected) || sent is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Intake key missing or wrong",
                detail: "Send the intake key as the x-functions-key header or the code query parameter.");
        }
        return await next(context);
    }
}
