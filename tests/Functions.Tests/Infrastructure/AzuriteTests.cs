using Azure.Data.Tables;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>
/// The tests' Azurite keeps its data in the temporary folder it was given, and that folder is gone once it stops (as
/// the shared one stops when the test process ends): a test run leaves no emulator data behind.
/// </summary>
public sealed class AzuriteTests
{
    [Fact]
    public async Task AnAzuriteStartedAsTheTestsStartIt_KeepsItsDataInItsFolder_WhichIsGoneOnceItStops()
    {
        string location;
        using (var azurite = Azurite.StartNew())
        {
            location = azurite.Location;
            Assert.StartsWith(Path.GetTempPath(), location, StringComparison.Ordinal);
            var table = new TableClient(azurite.ConnectionString, "Written");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "kept on disk" });

            // Azurite writes its stores under --location: this folder, not another one.
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while (!Directory.EnumerateFileSystemEntries(location).Any())
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"Azurite wrote nothing to {location} within 30 s");
                await Task.Delay(100);
            }
        }

        Assert.False(Directory.Exists(location), $"{location} is still there after Azurite stopped");
    }
}
