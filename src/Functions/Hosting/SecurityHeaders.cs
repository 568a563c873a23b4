using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// The security headers every answer carries, defined once for both hosts: the Functions worker applies them through
/// <see cref="SecurityHeadersMiddleware"/>, the local host through its ASP.NET Core pipeline. They are set when the
/// response starts, so refusals (401, 403, 404) and error pages carry them as well as the handlers' answers.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";
    public const string FunctionKeyHeader = "x-functions-key";
    public const string FunctionKeyQuery = "code";

    /// <summary>Arranges for the headers to be set on this request's response when it starts.</summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Behind Azure's front end TLS ends before the worker, which then sees the scheme only in X-Forwarded-Proto.
        // Taking it as the request's scheme makes cookies Secure there (a forged header only makes them stricter).
        if (
            string.Equals(
                context.Request.Headers["X-Forwarded-Proto"].FirstOrDefault(),
                "https",
                StringComparison.OrdinalIgnoreCase
            )
        )
        {
            context.Request.Scheme = "https";
        }
        context.Response.OnStarting(() =>
        {
            Set(context);
            return Task.CompletedTask;
        });
    }

    private static void Set(HttpContext context)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The API serves JSON and file downloads: nothing in its answers may load or frame anything. Pages set their
        // own policy (PageRenderer), which this leaves alone.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
        if (request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        if (CarriesCredential(request))
        {
            // What a signed-in person or the intake sees is theirs: no browser or proxy may keep a copy.
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
    }

    private static bool CarriesCredential(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization)
        || request.Headers.ContainsKey(FunctionKeyHeader)
        || request.Query.ContainsKey(FunctionKeyQuery);
}

/// <summary>The Functions worker's side of <see cref="SecurityHeaders"/>: every HTTP invocation's response.</summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Apply(http);
        }
        return next(context);
    }
}
