using Pathfinder.Functions.Hosting;
using static Pathfinder.Functions.Tests.Api.Identity;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>
/// Every call of the authorization matrix (every route, every identity, real and unknown ids) answers with the
/// security headers, whatever its status: the headers are set in one place both hosts use, not by the handlers.
/// </summary>
public sealed class SecurityHeaderTests(RouteSecurityFixture fixture) : IClassFixture<RouteSecurityFixture>
{
    [Fact]
    public async Task EveryRoute_AnswersWithTheSecurityHeaders_RefusalsAndNotFoundToo()
    {
        var wrong = new List<string>();
        var statuses = new HashSet<int>();

        foreach (var (route, identity, path, body, _) in AuthorizationMatrixTests.Calls(fixture.Resources))
        {
            using var response = await fixture.SendAsync(route, identity, path, body());
            statuses.Add((int)response.StatusCode);
            var problems = HeaderProblems(response, storeForbidden: identity != NoCredential, strictTransport: false)
                .ToList();
            if (problems.Count > 0)
            {
                wrong.Add(
                    $"{route.Name} {path} as {identity} ({(int)response.StatusCode}): {string.Join("; ", problems)}"
                );
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Superset(new HashSet<int> { 200, 400, 401, 403, 404, 409, 415 }, statuses);
    }

    [Fact]
    public async Task EveryRoute_OverHttps_AddsStrictTransportSecurity()
    {
        // The local host serves plain HTTP; in Azure TLS ends at the front end, which says so in X-Forwarded-Proto.
        var wrong = new List<string>();
        foreach (var route in RouteSecurityFixture.Routes)
        {
            var rule = AuthorizationMatrixTests.Rules[route.Name];
            var path = RouteSecurityFixture.Path(route, rule.Values(fixture.Resources), rule.Query);
            using var response = await fixture.SendAsync(route, NoCredential, path, rule.Body(), r =>
                r.Headers.Add("X-Forwarded-Proto", "https")
            );
            var problems = HeaderProblems(response, storeForbidden: false, strictTransport: true).ToList();
            if (problems.Count > 0)
            {
                wrong.Add($"{route.Name} {path}: {string.Join("; ", problems)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>What is missing or wrong among the security headers of one answer.</summary>
    private static IEnumerable<string> HeaderProblems(
        HttpResponseMessage response,
        bool storeForbidden,
        bool strictTransport
    )
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
            : null;

        var expected = new Dictionary<string, string>
        {
            ["X-Content-Type-Options"] = "nosniff",
            ["X-Frame-Options"] = "DENY",
            ["Referrer-Policy"] = "no-referrer",
        };
        // JSON, files and refusals may load nothing; a page loads the app's own CSS and JS, and runs only the one
        // inline script that carries this answer's nonce.
        var page = response.Content.Headers.ContentType?.MediaType == "text/html";
        if (!page)
        {
            expected["Content-Security-Policy"] = SecurityHeaders.ContentSecurityPolicy;
        }
        else if (
            Header("Content-Security-Policy") is not { } policy
            || !policy.StartsWith("default-src 'self'; script-src 'self' 'nonce-", StringComparison.Ordinal)
            || !policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
            || !policy.Contains("form-action 'self'", StringComparison.Ordinal)
            || policy.Contains("unsafe-", StringComparison.Ordinal)
        )
        {
            yield return $"the page's Content-Security-Policy is '{Header("Content-Security-Policy")}'";
        }
        if (page && response.Headers.CacheControl?.NoStore != true)
        {
            yield return $"Cache-Control is '{response.Headers.CacheControl}' on a page, not no-store";
        }
        if (strictTransport)
        {
            expected["Strict-Transport-Security"] = SecurityHeaders.StrictTransportSecurity;
        }
        foreach (var (name, value) in expected)
        {
            if (Header(name) != value)
            {
                yield return $"{name} is '{Header(name)}', not '{value}'";
            }
        }
        if (!strictTransport && Header("Strict-Transport-Security") is { } sts)
        {
            yield return $"Strict-Transport-Security '{sts}' over plain HTTP";
        }
        if (storeForbidden && response.Headers.CacheControl?.NoStore != true)
        {
            yield return $"Cache-Control is '{response.Headers.CacheControl}' on an answer to a credential, "
                + "not no-store";
        }
    }
}
