using System.Diagnostics;
using Pathfinder.Testing;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>The local host as its own process stops when told to, even with its storage gone.</summary>
public sealed class ShutdownTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>ASP.NET Core's default shutdown timeout, which the local host keeps.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private readonly string _pickup = Directory.CreateTempSubdirectory("pathfinder-shutdown-mail-").FullName;

    [Fact]
    public async Task WithAzuriteStopped_SigtermEndsTheHostWithinTheShutdownTimeout()
    {
        // Its own Azurite, so that stopping it leaves the shared one to the other tests.
        var azurite = Azurite.StartNew();
        using var host = await LocalHostProcess.StartAsync(
            Azurite.UniqueName("S"),
            _pickup,
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString }
        );
        azurite.Dispose();
        // The Durable backend polls its queues and renews its lease: once it has met the refusal, it is retrying.
        await Eventually.UntilAsync("the host to find its storage gone", TimeSpan.FromSeconds(60), () =>
            host.Output.Contains("refused", StringComparison.OrdinalIgnoreCase)
        );

        var watch = Stopwatch.StartNew();
        var ended = host.Terminate(ShutdownTimeout + TimeSpan.FromSeconds(15));

        output.WriteLine($"SIGTERM with storage gone: the host ended after {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(
            ended,
            $"The host was still running {watch.Elapsed.TotalSeconds:F0} s after SIGTERM:\n{host.Output}"
        );
    }

    public void Dispose() => Directory.Delete(_pickup, recursive: true);
}
