using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// infra/ as Azure would take it: main.bicep compiles with the Bicep CLI (NuGet's Azure.Bicep.CommandLine.linux-x64,
/// a PackageDownload of this project), every .bicep file lints with no diagnostic at all (a warning fails the
/// test), and the example parameters file gives every parameter the template requires and no other.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string Infra = Path.Combine(Root, "infra");

    public static TheoryData<string> BicepFiles() =>
        [
            .. Directory
                .GetFiles(Infra, "*.bicep", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f))
                .Order(StringComparer.Ordinal),
        ];

    [Fact]
    public async Task MainBicep_Compiles_WithNoDiagnostics()
    {
        var (exitCode, output) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");

        Assert.True(exitCode == 0, $"bicep build failed:\n{output.Diagnostics}");
        Assert.True(output.Diagnostics.Length == 0, $"bicep build reported:\n{output.Diagnostics}");
        // The ARM template it gives holds the function app (in the functionapp module's nested deployment).
        Assert.Contains(
            "\"Microsoft.Web/sites\"",
            JsonNode.Parse(output.Text)!.ToJsonString(),
            StringComparison.Ordinal
        );
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task BicepFile_Lints_WithNoWarnings(string file)
    {
        var (exitCode, output) = await BicepAsync("lint", Path.Combine(Root, file));

        Assert.True(
            exitCode == 0 && output.Diagnostics.Length == 0 && output.Text.Length == 0,
            $"bicep lint {file} (exit {exitCode}):\n{output.Text}{output.Diagnostics}"
        );
    }

    [Fact]
    public async Task ExampleParameters_GiveEveryRequiredParameter_AndNoUnknownOne()
    {
        var (exitCode, output) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, output.Diagnostics);
        var declared = JsonNode.Parse(output.Text)!["parameters"]!.AsObject();
        var required = declared
            .Where(p => p.Value!["defaultValue"] is null)
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
        var given = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Infra, "main.parameters.example.json")))![
            "parameters"
        ]!
            .AsObject()
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(required);
        Assert.Empty(required.Except(given));
        // ARM refuses a deployment naming a parameter the template does not declare.
        Assert.Empty(given.Except(declared.Select(p => p.Key)));
    }

    /// <summary>Runs the Bicep CLI; its diagnostics go to stderr.</summary>
    private static async Task<(int ExitCode, (string Text, string Diagnostics) Output)> BicepAsync(
        params string[] arguments
    )
    {
        var bicep = typeof(BicepTests)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath")
            .Value!;
        Assert.True(
            File.Exists(bicep),
            $"The Bicep CLI is not at {bicep}: restore tests/Functions.Tests (a PackageDownload)"
        );
        // NuGet does not always keep the executable bit of a package's files (the package is for Linux only).
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        var info = new ProcessStartInfo(bicep, arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No telemetry, and no module registry to reach: infra/ uses local modules only.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, (await text, (await diagnostics).Trim()));
    }
}
