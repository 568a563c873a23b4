using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pathfinder.Testing;

/// <summary>
/// The local host as its own process (the built Pathfinder.LocalHost.dll) on the shared Azurite, so a test can kill
/// it with SIGKILL mid-work and start another on the same task hub and tables, as after a crash, and a benchmark
/// measures the app's memory alone.
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
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

    public Process Process => _process;

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

    /// <summary>
    /// Starts a host on <paramref name="prefix"/>'s tables and task hub and waits until it answers. It runs in the
    /// Testing environment unless told another (the browser tests use Development, for its sign-in page);
    /// <paramref name="settings"/> (environment variable names) override the defaults.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(
        string prefix,
        string pickupDirectory,
        IReadOnlyDictionary<string, string>? settings = null,
        string environmentName = "Testing"
    )
    {
        var port = FreePort();
        var dll = Path.Combine(
            RepositoryRoot.Find(),
            "src",
            "LocalHost",
            "bin",
            Configuration,
            "net10.0",
            "Pathfinder.LocalHost.dll"
        );
        var info = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = prefix + "Hub",
            ["Intake__Key"] = TestTokens.IntakeKey,
            ["Notifications__PickupDirectory"] = pickupDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
            // The example partners (a real deployment starts with none): the workflows' mail has somewhere to go.
            ["Partners__LoadExamples"] = "true",
        };
        foreach (
            var (name, value) in environment
                .Concat(
                    TestTokens.Settings.Select(s =>
                        KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)
                    )
                )
                .Concat(settings ?? new Dictionary<string, string>())
        )
        {
            info.Environment[name] = value;
        }
        var host = new LocalHostProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
        using var client = host.Client();
        try
        {
            await Eventually.UntilAsync(
                "the local host to answer /api/health",
                TimeSpan.FromSeconds(60),
                async () =>
                {
                    if (host._process.HasExited)
                    {
                        throw new InvalidOperationException("The local host stopped at start:\n" + host.Output);
                    }
                    using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                    return health.IsSuccessStatusCode;
                },
                transient: e => e is HttpRequestException
            ); // not listening yet
        }
        catch (WaitTimedOutException e)
        {
            throw new TimeoutException(e.Message + "\n" + host.Output, e);
        }
        return host;
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever was in flight is cut off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>
    /// SIGTERM, as a platform or a person stopping the host sends it; true when the process ended within
    /// <paramref name="within"/>.
    /// </summary>
    public bool Terminate(TimeSpan within)
    {
        using (
            var kill = Process.Start(
                "kill",
                ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            )
        )
        {
            kill.WaitForExit();
        }
        return _process.WaitForExit(within);
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Intake() => TestTokens.Intake(Address);

    public HttpClient Reviewer(string sha, string name = "Dr Ann Reviewer") => TestTokens.Reviewer(Address, sha, name);

    public HttpClient National() => TestTokens.National(Address);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    private static string Configuration =>
        AppContext.BaseDirectory.Contains(
            $"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal
        )
            ? "Debug"
            : "Release";

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
