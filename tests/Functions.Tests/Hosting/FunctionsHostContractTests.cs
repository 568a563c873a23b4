using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Hosting;

/// <summary>
/// The Functions host forwards HTTP requests as they are (<c>enableForwardingHttpRequest</c>) and POSTs
/// timer invocations to <c>/{FunctionName}</c>, so <c>host.json</c> and each <c>function.json</c> must
/// match the app's own routes. These tests fail when they drift apart.
/// </summary>
public sealed class FunctionsHostContractTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void HostJson_ConfiguresTheAppAsACustomHandlerWithForwardedHttp()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.EndsWith("Pathfinder.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void EveryHttpFunction_IsAnAppRoute_AndEveryAppRouteHasAFunction()
    {
        var appRoutes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m} {e.RoutePattern.RawText!.Trim('/')}"))
            .Where(r => r.Contains(" api/", StringComparison.Ordinal))
            .ToHashSet();

        var functionRoutes = new HashSet<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "functions"), "function.json", SearchOption.AllDirectories))
        {
            var trigger = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray()[0]!;
            if (trigger["type"]!.GetValue<string>() != "httpTrigger")
            {
                continue;
            }
            foreach (var method in trigger["methods"]!.AsArray())
            {
                functionRoutes.Add($"{method!.GetValue<string>().ToUpperInvariant()} api/{trigger["route"]!.GetValue<string>()}");
            }
            var hasHttpOutput = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray()
                .Any(b => b!["type"]!.GetValue<string>() == "http" && b["direction"]!.GetValue<string>() == "out");
            Assert.True(hasHttpOutput, $"{file} has no http output binding");
        }

        Assert.Equal(appRoutes.Order(), functionRoutes.Order());
    }

    [Fact]
    public void IntakeIsGuardedByAFunctionKey_StaffRoutesByBearerTokensInTheApp()
    {
        var submit = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "functions", "SubmitApplication", "function.json")))!;
        Assert.Equal("function", submit["bindings"]![0]!["authLevel"]!.GetValue<string>());
        var decide = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "functions", "DecideApplication", "function.json")))!;
        Assert.Equal("anonymous", decide["bindings"]![0]!["authLevel"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimerInvocation_GetsTheDocumentedResponsePayload()
    {
        var timer = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "functions", "ProgrammeTick", "function.json")))!;
        Assert.Equal("timerTrigger", timer["bindings"]![0]!["type"]!.GetValue<string>());

        var response = await _app.CreateClient().PostAsJsonAsync("/ProgrammeTick", new
        {
            Data = new { timer = new { Schedule = new { AdjustForDST = true }, IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "ProgrammeTick", UtcNow = "2010-11-01T09:00:00Z" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(payload!["Outputs"]);
        Assert.Contains("orchestration instances", payload["Logs"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(payload.ContainsKey("ReturnValue"));
    }
}
