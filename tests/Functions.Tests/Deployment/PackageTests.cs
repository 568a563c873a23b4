using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// Builds the deployable zip with ./package.sh (once for the class), checks its layout against host.json, and starts
/// the packaged executable exactly as the Functions host would: FUNCTIONS_CUSTOMHANDLER_PORT, working directory from
/// host.json, forwarded HTTP requests and a timer invocation payload.
/// </summary>
public sealed class PackageTests(PackageTests.Package package) : IClassFixture<PackageTests.Package>
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void ThePackage_HasTheCustomHandlerLayoutOfHostJson()
    {
        var host = package.HostJson;
        Assert.Equal(JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!.ToJsonString(), host.ToJsonString());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.True(File.Exists(package.Executable), $"{package.Executable} is missing");
        // The package targets Linux, where the host starts the app directly: it must keep its executable bit.
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(package.Executable).HasFlag(UnixFileMode.UserExecute),
            "the app is not executable");
        Assert.True(Directory.Exists(package.WorkingDirectory), $"{package.WorkingDirectory} is missing");

        // Self-contained: the runtime travels with the app, so the image needs no .NET of its own.
        Assert.True(File.Exists(Path.Combine(package.WorkingDirectory, "libcoreclr.so")), "the .NET runtime is not in the package");
        Assert.Contains("includedFrameworks",
            File.ReadAllText(Path.Combine(package.WorkingDirectory, "Pathfinder.Functions.runtimeconfig.json")), StringComparison.Ordinal);

        // One folder per function, holding exactly its function.json; nothing else beside host.json and app/.
        var functions = Directory.GetDirectories(Path.Combine(Root, "functions")).Select(Path.GetFileName).Order().ToList();
        var packaged = Directory.GetDirectories(package.Root).Select(Path.GetFileName).Where(d => d != "app").Order().ToList();
        Assert.Equal(functions, packaged);
        foreach (var function in packaged)
        {
            Assert.Equal(["function.json"], Directory.GetFileSystemEntries(Path.Combine(package.Root, function!)).Select(Path.GetFileName));
            Assert.Equal(File.ReadAllText(Path.Combine(Root, "functions", function!, "function.json")),
                File.ReadAllText(Path.Combine(package.Root, function!, "function.json")));
        }
        Assert.Equal(["host.json"], Directory.GetFiles(package.Root).Select(Path.GetFileName));
        var settingsFiles = Directory.GetFiles(package.Root, "*.json", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("local.settings.json", settingsFiles);
        Assert.DoesNotContain("appsettings.Development.json", settingsFiles);
    }

    [Fact]
    public async Task ThePackagedApp_AnswersTheHostsForwardedRequestsAndTimerInvocations()
    {
        var port = FreePort();
        var prefix = Azurite.UniqueName("P");
        using var app = package.Start(new()
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Durable__TaskHub"] = prefix + "Hub",
            ["Notifications__PickupDirectory"] = Path.Combine(package.Root, "..", "mail-" + prefix),
        });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForHealthAsync(client, app);

            // authLevel "function": in Azure the host refuses this route without a function key before forwarding it.
            // Under the host (the port variable is set) the app trusts that check, so a forwarded request is accepted.
            using var submitted = await client.PostAsJsonAsync("/api/applications", Forms.Valid("Q35"));
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

            // The timer trigger's invocation payload, as the host POSTs it to /{function name}.
            using var tick = await client.PostAsJsonAsync("/ProgrammeTick", new
            {
                Data = new { timer = new { Schedule = new { AdjustForDST = true }, IsPastDue = false } },
                Metadata = new { sys = new { MethodName = "ProgrammeTick", UtcNow = DateTimeOffset.UtcNow } },
            });
            Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
            var payload = (await tick.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.IsType<JsonObject>(payload["Outputs"]);
            var log = Assert.Single(payload["Logs"]!.AsArray())!.GetValue<string>();
            Assert.StartsWith("Processed ", log, StringComparison.Ordinal);
            Assert.True(payload.ContainsKey("ReturnValue"));
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task ThePackagedApp_WithoutStorageSettings_StopsAtStartNamingTheSetting()
    {
        using var app = package.Start(new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await app.Process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            await StopAsync(app);
        }
        // The parameterless wait also drains the redirected output.
        app.Process.WaitForExit();

        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains("AzureWebJobsStorage is not set", app.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForHealthAsync(HttpClient client, PackagedApp app)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.False(app.HasExited, $"the packaged app exited at start-up:\n{app.Output}");
            try
            {
                using var health = await client.GetAsync("/api/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the packaged app never answered /api/health:\n{app.Output}");
    }

    private static async Task StopAsync(PackagedApp app)
    {
        if (!app.HasExited)
        {
            app.Process.Kill(entireProcessTree: true);
        }
        await app.Process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The packaged app's process, with everything it wrote.</summary>
    public sealed class PackagedApp(Process process) : IDisposable
    {
        private readonly StringBuilder _output = new();

        public Process Process => process;

        public bool HasExited => process.HasExited;

        public int ExitCode => process.ExitCode;

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

        public void Capture()
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public void Dispose() => process.Dispose();

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>./package.sh run once, and its zip unpacked where the tests can start it.</summary>
    public sealed class Package : IDisposable
    {
        private readonly string _scratch = Path.Combine(Path.GetTempPath(), "pathfinder-package-" + Guid.NewGuid().ToString("N"));

        public Package()
        {
            RunPackageScript();
            Root = Path.Combine(_scratch, "wwwroot");
            ZipFile.ExtractToDirectory(Path.Combine(RepositoryRoot.Find(), "artifacts", "onboarding.zip"), Root);
            HostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;
            var description = HostJson["customHandler"]!["description"]!;
            Executable = Path.Combine(Root, description["defaultExecutablePath"]!.GetValue<string>());
            WorkingDirectory = Path.Combine(Root, description["workingDirectory"]!.GetValue<string>());
        }

        /// <summary>The unpacked zip, as the host sees its wwwroot.</summary>
        public string Root { get; }

        public JsonNode HostJson { get; }

        public string Executable { get; }

        public string WorkingDirectory { get; }

        /// <summary>
        /// Starts the executable as the host does, with only the given settings for the app: no inherited storage,
        /// environment name or configuration, so it runs as in Azure (Production).
        /// </summary>
        public PackagedApp Start(Dictionary<string, string> settings)
        {
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = WorkingDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var inherited in start.Environment.Keys.Where(k =>
                         k.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                         || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                         || k.Contains("__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(inherited);
            }
            foreach (var (name, value) in settings)
            {
                start.Environment[name] = value;
            }
            var app = new PackagedApp(Process.Start(start)!);
            app.Capture();
            return app;
        }

        public void Dispose()
        {
            if (Directory.Exists(_scratch))
            {
                Directory.Delete(_scratch, recursive: true);
            }
        }

        private static void RunPackageScript()
        {
            var root = RepositoryRoot.Find();
            var info = new ProcessStartInfo("bash")
            {
                WorkingDirectory = root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add(Path.Combine(root, "package.sh"));
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            var timeout = TimeSpan.FromMinutes(8);
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"package.sh did not finish within {timeout}");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"package.sh failed: {output.Result}{errors.Result}");
            }
        }
    }
}
