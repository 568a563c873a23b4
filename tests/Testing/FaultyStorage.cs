using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Pathfinder.Testing;

/// <summary>
/// A proxy in front of the shared Azurite that fails a share of storage requests, as Azure Storage sometimes does:
/// 503 before the request reaches storage, 500 after it has been applied (the caller cannot tell it worked), or the
/// connection dropped after a pause (a timeout). Everything else is passed through unchanged, signatures included.
/// </summary>
public sealed class FaultyStorage : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host",
        "Transfer-Encoding",
        "Connection",
        "Keep-Alive",
        "Expect",
    };

    private readonly WebApplication _proxy;
    private readonly HttpClient _storage = new(
        new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        }
    )
    {
        Timeout = TimeSpan.FromMinutes(2),
    };
    private readonly Random _random;
    private long _requests;
    private long _failed;

    private FaultyStorage(WebApplication proxy, double failureShare, int seed)
    {
        _proxy = proxy;
        FailureShare = failureShare;
        _random = new Random(seed);
    }

    /// <summary>The share of requests failed, 0 to 1.</summary>
    public double FailureShare { get; set; }

    public long Requests => Interlocked.Read(ref _requests);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Told of every request as it arrives (method, and path with query), e.g. to sort them by what they
    /// do.</summary>
    public Action<string, string>? Observe { get; set; }

    /// <summary>
    /// Requests this says yes to (method, and path with query) are answered 503 before they reach storage, every
    /// time: one table down while the rest works, so one activity keeps failing.
    /// </summary>
    public Func<string, string, bool>? Unavailable { get; set; }

    /// <summary>The connection string that reaches Azurite through the proxy.</summary>
    public string ConnectionString { get; private set; } = "";

    public static async Task<FaultyStorage> StartAsync(double failureShare, int seed = 2010)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var azurite = Azurite.Shared;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            foreach (var _ in new[] { azurite.BlobEndpoint, azurite.QueueEndpoint, azurite.TableEndpoint })
            {
                k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
            }
        });
        var app = builder.Build();
        var faulty = new FaultyStorage(app, failureShare, seed);
        app.Run(faulty.ForwardAsync);
        await app.StartAsync();
        var ports = app.Urls.Select(u => new Uri(u).Port).ToList();
        faulty._targets = new Dictionary<int, Uri>
        {
            [ports[0]] = azurite.BlobEndpoint,
            [ports[1]] = azurite.QueueEndpoint,
            [ports[2]] = azurite.TableEndpoint,
        };
        faulty.ConnectionString = azurite
            .ConnectionString.Replace(
                azurite.BlobEndpoint.ToString(),
                $"http://127.0.0.1:{ports[0]}/devstoreaccount1",
                StringComparison.Ordinal
            )
            .Replace(
                azurite.QueueEndpoint.ToString(),
                $"http://127.0.0.1:{ports[1]}/devstoreaccount1",
                StringComparison.Ordinal
            )
            .Replace(
                azurite.TableEndpoint.ToString(),
                $"http://127.0.0.1:{ports[2]}/devstoreaccount1",
                StringComparison.Ordinal
            );
        return faulty;
    }

    private Dictionary<int, Uri> _targets = [];

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
        _storage.Dispose();
    }

    private enum Fault
    {
        None,
        Unavailable,
        FailedAfterApplied,
        Dropped,
    }

    private async Task ForwardAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        Observe?.Invoke(context.Request.Method, context.Request.Path + context.Request.QueryString);
        var fault =
            Unavailable?.Invoke(context.Request.Method, context.Request.Path + context.Request.QueryString) == true
                ? Fault.Unavailable
                : Choose();
        if (fault != Fault.None)
        {
            Interlocked.Increment(ref _failed);
        }
        if (fault == Fault.Unavailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var target = _targets[context.Connection.LocalPort];
        var uri = new Uri(
            target.GetLeftPart(UriPartial.Authority) + context.Request.Path + context.Request.QueryString
        );
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), uri);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            request.Content = new StreamContent(context.Request.Body);
        }
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        using var response = await _storage.SendAsync(
            request,
            HttpCompletionOption.ResponseHeadersRead,
            context.RequestAborted
        );
        if (fault == Fault.FailedAfterApplied)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        if (fault == Fault.Dropped)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            context.Abort();
            return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private Fault Choose()
    {
        lock (_random)
        {
            if (_random.NextDouble() >= FailureShare)
            {
                return Fault.None;
            }
            return (Fault)_random.Next(1, 4);
        }
    }
}
