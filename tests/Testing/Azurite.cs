using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pathfinder.Testing;

/// <summary>
/// A real Azurite process on free loopback ports with its data in a temporary folder (deleted when it stops), started
/// once per test process and shared by every test that needs storage. Tests isolate themselves by table and
/// container names, not by separate emulators, so a whole run pays for one start-up.
/// </summary>
/// <remarks>
/// Not <c>--inMemoryPersistence</c>: in memory, Azurite keeps every queue message and blob write as an extent of its
/// own, and its queue clean-up (every minute) deletes them one at a time, rebuilding an index each time. Under the load
/// benchmark that held its one thread for 30 s at a time, and every request waited: 50 to 150 timeouts in two minutes.
/// On disk, writes share extent files and the clean-up is quick: no timeouts, p99 2.1 s (README, "Load").
/// </remarks>
public sealed partial class Azurite : IDisposable
{
    private const string AccountName = "devstoreaccount1";

    // The well-known Azurite development key: public, documented, and accepted by nothing but the emulator.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Azurite> SharedInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private int _disposed;

    private Azurite(Process process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Location = location;
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
    }

    /// <summary>The emulator shared by this test process; started on first use, stopped at process exit.</summary>
    public static Azurite Shared => SharedInstance.Value;

    /// <summary>The temporary folder Azurite keeps its data in (<c>--location</c>); deleted when it stops.</summary>
    public string Location { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>A name no other test in this run uses: tables and containers are isolated by it.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// An emulator of its own, started exactly as <see cref="Shared"/> is: for a test of the emulator's own
    /// lifetime. Dispose it to stop it (it is stopped at process exit otherwise).
    /// </summary>
    public static Azurite StartNew() => Start();

    /// <summary>Stops the emulator and deletes its data folder; once, whoever calls it first (a test or process
    /// exit).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temporary folder: nothing depends on it, and this runs as the test process exits.
        }
    }

    private static Azurite Start()
    {
        var script = Path.Combine(
            RepositoryRoot.Find(),
            "tools",
            "azurite",
            "node_modules",
            "azurite",
            "dist",
            "src",
            "azurite.js"
        );
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {script}. Run ./test.sh from the repository root: it installs it."
            );
        }

        var location = Directory.CreateTempSubdirectory("pathfinder-azurite-").FullName;
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (
            var argument in new[]
            {
                script,
                "--silent",
                "--location",
                location,
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--loose",
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                "0",
                "--queueHost",
                "127.0.0.1",
                "--queuePort",
                "0",
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                "0",
            }
        )
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var ports = new Dictionary<string, int>();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ports.Count < 3)
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
                Directory.Delete(location, recursive: true);
                lock (stderr)
                {
                    throw new InvalidOperationException($"Azurite did not start: {stderr}");
                }
            }
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(
                    match.Groups["port"].Value,
                    System.Globalization.CultureInfo.InvariantCulture
                );
            }
        }
        // Keep draining stdout so Azurite never blocks on a full pipe.
        _ = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is not null) { }
        });

        var azurite = new Azurite(process, location, ports["Blob"], ports["Queue"], ports["Table"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    }

    [GeneratedRegex(
        @"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)"
    )]
    private static partial Regex ListeningLine();
}
