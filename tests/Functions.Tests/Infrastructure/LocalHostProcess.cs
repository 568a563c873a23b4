using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathfinder.Functions.Hosting;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>
/// The local host as its own process (the built Pathfinder.LocalHost.dll) on the shared Azurite, so a test can kill
/// it with SIGKILL mid-work and start another on the same task hub and tables, as after a crash.
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
    private const string Issuer = "pathfinder-crash-tests";
    private const string Audience = "pathfinder-onboarding";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a crash-test-only signing key of 32+ bytes");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host on <paramref name="prefix"/>'s tables and task hub and waits until it answers.</summary>
    public static async Task<LocalHostProcess> StartAsync(string prefix, string pickupDirectory,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "LocalHost", "bin", Configuration, "net10.0", "Pathfinder.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = prefix + "Hub",
            ["Intake__Key"] = PathfinderApp.IntakeKey,
            ["Notifications__PickupDirectory"] = pickupDirectory,
            ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
            ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
            ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
            ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(Key),
            ["Authentication__Schemes__Bearer__SigningKeys__0__Length"] = Key.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment.Concat(settings ?? new Dictionary<string, string>()))
        {
            info.Environment[name] = value;
        }
        var host = new LocalHostProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
        using var client = host.Client();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(host._process.HasExited, "The local host stopped at start:\n" + host.Output);
            try
            {
                using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "The local host did not answer within 60 s:\n" + host.Output);
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever was in flight is cut off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Intake()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("x-functions-key", PathfinderApp.IntakeKey);
        return client;
    }

    public HttpClient Reviewer(string sha, string name = "Dr Ann Reviewer") =>
        Signed(name, [new Claim("role", Security.ReviewerRole), new Claim(Security.ShaClaim, sha)]);

    public HttpClient National() => Signed("National Team", [new Claim("role", Security.NationalRole)]);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";

    private HttpClient Signed(string name, Claim[] claims)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("name", name), new Claim("sub", name), .. claims]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
