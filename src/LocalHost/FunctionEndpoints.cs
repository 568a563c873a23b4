using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Pathfinder.LocalHost;

/// <summary>
/// Serves every HTTP function at <c>/api/{route}</c>, as the Functions host does (routePrefix "api"), and checks the
/// function key on <c>authLevel: function</c> routes as the host would.
/// </summary>
public static class FunctionEndpoints
{
    public const string RoutePrefix = "/api/";

    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder app, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.Http)
        {
            app.MapMethods(RoutePrefix + function.Route, function.Methods, http => InvokeAsync(http, function))
                .WithName(function.Name)
                .DisableAntiforgery();
        }
        return app;
    }

    private static async Task InvokeAsync(HttpContext http, HttpFunction function)
    {
        if (function.AuthLevel != AuthorizationLevel.Anonymous && !HasFunctionKey(http))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Function key missing or wrong",
                detail: "Send the function (intake) key as the x-functions-key header or the code query parameter.")
                .ExecuteAsync(http);
            return;
        }
        var routeValues = http.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
        var result = await FunctionInvoker.InvokeAsync(function.Method, http.RequestServices, http.Request, routeValues,
            http.RequestAborted);
        await (result as IResult ?? throw new InvalidOperationException(
            $"Function {function.Name} must return an IResult, which both hosts execute.")).ExecuteAsync(http);
    }

    private static bool HasFunctionKey(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<FunctionKeyOptions>>().Value.Key;
        var sent = http.Request.Headers["x-functions-key"].FirstOrDefault() ?? http.Request.Query["code"].FirstOrDefault();
        return !string.IsNullOrEmpty(expected) && sent is not null &&
               CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
    }
}
