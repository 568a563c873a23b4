using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// Builds the deployable zip with ./package.sh, checks its layout against host.json, and starts the packaged
/// executable exactly as the Functions host would: FUNCTIONS_CUSTOMHANDLER_PORT, forwarded HTTP, a timer payload.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();
    private readonly string _unpacked = Path.Combine(Path.GetTempPath(), "pathfinder-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_unpacked))
        {
            Directory.Delete(_unpacked, recursive: true);
        }
    }

    [Fact]
    public async Task ThePackage_HasTheCustomHandlerLayout_AndAnswersAsTheHostExpects()
    {
        Run(Path.Combine(Root, "package.sh"), Root, TimeSpan.FromMinutes(8));
        ZipFile.ExtractToDirectory(Path.Combine(Root, "artifacts", "onboarding.zip"), _unpacked);

        var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_unpacked, "host.json")))!;
        Assert.Equal(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "host.json")))!.ToJsonString(), host.ToJsonString());
        var executable = Path.Combine(_unpacked, host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(File.Exists(executable), $"{executable} is missing");
        // The package targets Linux, where the host starts the app directly: it must keep its executable bit.
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute),
            "the app is not executable");
        var functions = Directory.GetDirectories(Path.Combine(Root, "functions")).Select(Path.GetFileName).Order().ToList();
        var packaged = Directory.GetDirectories(_unpacked).Select(Path.GetFileName).Where(d => d != "app").Order().ToList();
        Assert.Equal(functions, packaged);
        Assert.All(packaged, f => Assert.True(File.Exists(Path.Combine(_unpacked, f!, "function.json"))));
        Assert.Equal(["host.json"], Directory.GetFiles(_unpacked).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_unpacked, "app", "appsettings.Development.json")));

        var port = FreePort();
        var prefix = Azurite.UniqueName("P");
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.Combine(_unpacked, host["customHandler"]!["description"]!["workingDirectory"]!.GetValue<string>()),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString;
        start.Environment["Storage__TablePrefix"] = prefix;
        start.Environment["Durable__TaskHub"] = prefix + "Hub";
        start.Environment["Notifications__PickupDirectory"] = Path.Combine(_unpacked, "mail");
        using var app = Process.Start(start)!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForHealthAsync(client, app);

            // Forwarded as the host received it; the host has already checked the function key on this route.
            using var submitted = await client.PostAsJsonAsync("/api/applications", Forms.Valid("Q35"));
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

            using var tick = await client.PostAsJsonAsync("/ProgrammeTick", new
            {
                Data = new { timer = new { IsPastDue = false } },
                Metadata = new { sys = new { MethodName = "ProgrammeTick" } },
            });
            Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
            var payload = (await tick.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(payload.ContainsKey("Outputs") && payload.ContainsKey("Logs") && payload.ContainsKey("ReturnValue"));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process app)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.False(app.HasExited, "the packaged app exited at start-up");
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
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
        Assert.Fail("the packaged app never answered /api/health");
    }

    private static void Run(string script, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(timeout), $"{script} did not finish within {timeout}");
        Assert.True(process.ExitCode == 0, $"{script} failed: {output.Result}{errors.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
