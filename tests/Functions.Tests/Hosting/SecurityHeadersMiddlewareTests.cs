using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Moq;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Tests.Hosting;

/// <summary>
/// The Functions worker's middleware (the Functions host cannot run here) sets the same headers as the local host,
/// on the HttpContext the ASP.NET Core integration hands each HTTP invocation, when the response starts.
/// </summary>
public sealed class SecurityHeadersMiddlewareTests
{
    /// <summary>Where the ASP.NET Core integration keeps an invocation's HttpContext (its GetHttpContext reads
    /// it).</summary>
    private const string HttpContextItem = "HttpRequestContext";

    [Fact]
    public async Task HttpInvocation_GetsTheSecurityHeaders_WhenTheResponseStarts()
    {
        var response = new StartableResponse();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(response);
        http.Request.Headers.Authorization = "Bearer a-token";
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { [HttpContextItem] = http });
        var ran = false;

        await new SecurityHeadersMiddleware().Invoke(context.Object, _ =>
        {
            ran = true;
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        await response.StartAsync();

        Assert.True(ran);
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions);
        Assert.Equal("DENY", http.Response.Headers.XFrameOptions);
        Assert.Equal("no-referrer", http.Response.Headers["Referrer-Policy"]);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", http.Response.Headers.ContentSecurityPolicy);
        Assert.Equal("no-store", http.Response.Headers.CacheControl);
        Assert.False(http.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task NonHttpInvocation_PassesThrough()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());
        var ran = false;

        await new SecurityHeadersMiddleware().Invoke(context.Object, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    /// <summary>A response that runs its OnStarting callbacks when told, as a server does before the first
    /// byte.</summary>
    private sealed class StartableResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in Enumerable.Reverse(_starting))
            {
                await callback(state);
            }
        }
    }
}
