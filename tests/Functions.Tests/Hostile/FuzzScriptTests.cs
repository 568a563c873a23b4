using System.Diagnostics;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// scripts/fuzz.sh on a machine where afl-fuzz is missing and cannot be installed (a PATH with neither afl-fuzz nor
/// apt-get): in CI (<c>CI=true</c>) the run fails, so CI cannot pass without fuzzing; elsewhere it skips, saying so.
/// </summary>
public sealed class FuzzScriptTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();

    /// <summary>Only what the script needs before it looks for afl-fuzz, and where they are.</summary>
    private static readonly string[] Commands = ["bash", "dirname", "mkdir", "rm", "id", "cat"];
    private static readonly string[] Folders = ["/usr/bin", "/bin"];

    private readonly string _bin = Directory.CreateTempSubdirectory("pathfinder-fuzz-path-").FullName;

    public FuzzScriptTests()
    {
        foreach (var command in Commands)
        {
            var target = Folders.Select(d => Path.Combine(d, command)).First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(_bin, command), target);
        }
    }

    [Theory]
    [InlineData("true", 1, "fuzz: FAILED, afl-fuzz is not installed")]
    [InlineData("", 0, "fuzz: skipped (afl-fuzz is not installed")]
    [InlineData("false", 0, "fuzz: skipped (afl-fuzz is not installed")]
    public async Task WithoutAflFuzz_FailsInCi_AndSkipsElsewhere(string ci, int exitCode, string lastLine)
    {
        var info = new ProcessStartInfo(
            Path.Combine(_bin, "bash"),
            [Path.Combine(Root, "scripts", "fuzz.sh"), "1", "multipart"]
        )
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["PATH"] = _bin;
        info.Environment["CI"] = ci;
        using var script = Process.Start(info)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(
            script.ExitCode == exitCode,
            $"fuzz.sh exited {script.ExitCode}, not {exitCode}:\n{output}{errors}"
        );
        Assert.StartsWith(lastLine, output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);
}
