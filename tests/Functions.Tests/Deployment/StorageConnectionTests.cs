using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>Storage is reached by connection string (Azurite) or by identity, from the settings the Functions host uses.</summary>
public sealed class StorageConnectionTests
{
    [Fact]
    public void AccountName_GivesIdentityBasedEndpoints()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "pathfinderstore"), ("AzureWebJobsStorage:clientId", "abc"));

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri("https://pathfinderstore.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://pathfinderstore.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal("abc", connection.ClientId);
    }

    [Fact]
    public void ServiceUris_OverrideTheAccountName()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "pathfinderstore"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net"));

        Assert.Equal(new Uri("https://tables.example.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://pathfinderstore.blob.core.windows.net"), connection.BlobServiceUri);
    }

    [Fact]
    public void IdentitySettings_WinOverAConnectionString_AndNothingSetMeansAzurite()
    {
        Assert.True(From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("AzureWebJobsStorage:accountName", "acct123")).UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", From().ConnectionString);
        Assert.False(From(("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5")).UsesIdentity);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:accountName", "Not_A_Name", "AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "http://tables.example.net", "AzureWebJobsStorage__tableServiceUri")]
    public void UnusableSettings_FailWithTheSettingsName(string key, string value, string named)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => From((key, value)));
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyATableUri_IsNotEnough_BecauseTheArchiveNeedsBlobs()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => From(("AzureWebJobsStorage:tableServiceUri", "https://t.example.net")));
        Assert.Contains("__blobServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityClients_AskTheCredentialForAStorageToken()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "pathfinderstore"));
        var credential = new RecordingCredential();
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        var blobOptions = new BlobClientOptions();
        blobOptions.Retry.MaxRetries = 0;

        var tables = connection.CreateTableServiceClient(credential, tableOptions);
        var blobs = connection.CreateBlobServiceClient(credential, blobOptions);
        await Assert.ThrowsAnyAsync<Exception>(() => tables.GetTableClient("Applications").GetEntityIfExistsAsync<TableEntity>("Q35", "Q35-0001"));
        await Assert.ThrowsAnyAsync<Exception>(() => blobs.GetBlobContainerClient("inbound").ExistsAsync());

        Assert.Equal(new Uri("https://pathfinderstore.table.core.windows.net"), tables.Uri);
        Assert.Equal(new Uri("https://pathfinderstore.blob.core.windows.net"), blobs.Uri);
        Assert.Equal(2, credential.Scopes.Count);
        Assert.All(credential.Scopes, s => Assert.Contains("https://storage.azure.com/.default", s));
    }

    private static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    /// <summary>Records what a client asks for, then refuses: no request ever leaves the machine.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            throw new InvalidOperationException("Test credential: no tokens here.");
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
