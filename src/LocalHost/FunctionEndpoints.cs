using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Pathfinder.LocalHost;

/// <summary>
/// Serves every HTTP function at its route under host.json's <c>extensions.http.routePrefix</c> (empty: the API's
/// routes carry <c>api/</c> themselves, the pages sit at the root), as the Functions host does, and checks the
/// function key on <c>authLevel: function</c> routes as the host would.
/// </summary>
public static class FunctionEndpoints
{
    /// <summary>Where host.json's route prefix is read from, as the Functions host reads it.</summary>
    public const string RoutePrefixSetting = "AzureFunctionsJobHost:extensions:http:routePrefix";

    /// <summary>The path every function's route is under: "/" and the prefix ("api" when host.json names
    /// none).</summary>
    public static string RoutePrefix(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = (configuration[RoutePrefixSetting] ?? "api").Trim('/');
        return prefix.Length == 0 ? "/" : "/" + prefix + "/";
    }

    public static IEndpointRouteBuilder MapFunctions(
        this IEndpointRouteBuilder app,
        FunctionCatalog catalog,
        IConfiguration configuration
    )
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var prefix = RoutePrefix(configuration);
        foreach (var function in catalog.Http)
        {
            app.MapMethods(prefix + function.Route, function.Methods, http => InvokeAsync(http, function))
                .WithName(function.Name)
                .DisableAntiforgery();
        }
        return app;
    }

    private static async Task InvokeAsync(HttpContext http, HttpFunction function)
    {
        if (function.AuthLevel != AuthorizationLevel.Anonymous && !HasFunctionKey(http))
        {
            await TypedResults
                .Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Function key missing or wrong",
                    detail: "Send the function (intake) key as the x-functions-key header or the code query parameter."
                )
                .ExecuteAsync(http);
            return;
        }
        var routeValues = http.Request.RouteValues.ToDictionary(
            v => v.Key,
            v => v.Value,
            StringComparer.OrdinalIgnoreCase
        );
        var result = await FunctionInvoker.InvokeAsync(
            function.Method,
            http.RequestServices,
            http.Request,
            routeValues,
            http.RequestAborted
        );
        await (
            result as IResult
            ?? throw new InvalidOperationException(
                $"Function {function.Name} must return an IResult, which both hosts execute."
            )
        ).ExecuteAsync(http);
    }

    private static bool HasFunctionKey(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<FunctionKeyOptions>>().Value.Key;
        var sent = http.Request.Headers["x-functions-key"].FirstOrDefault()
            ?? http.Request.Query["code"].FirstOrDefault();
        return !string.IsNullOrEmpty(expected)
            && sent is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
    }
}
