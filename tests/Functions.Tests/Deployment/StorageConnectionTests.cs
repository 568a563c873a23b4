using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>Storage is reached by connection string (Azurite) or by identity, from the settings the Functions host
/// uses.</summary>
public sealed class StorageConnectionTests
{
    [Fact]
    public void AccountName_GivesIdentityBasedEndpointsForEveryService()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "acct"), ("AzureWebJobsStorage:clientId", "abc"));

        Assert.True(connection.UsesIdentity);
        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal("abc", connection.ClientId);
    }

    [Fact]
    public void ServiceUris_OverrideTheAccountName()
    {
        var connection = From(
            ("AzureWebJobsStorage:accountName", "acct"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example.net")
        );

        Assert.Equal(new Uri("https://tables.example.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://queues.example.net"), connection.QueueServiceUri);
    }

    [Fact]
    public void ServiceUrisAlone_AreEnough()
    {
        var connection = From(
            ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net"),
            ("AzureWebJobsStorage:blobServiceUri", "https://b.example.net")
        );

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri("https://t.example.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://b.example.net"), connection.BlobServiceUri);
        Assert.Null(connection.QueueServiceUri);
    }

    [Fact]
    public void AConnectionString_StillWorks_AndIdentitySettingsWinOverIt()
    {
        var keyed = From(("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5"));
        Assert.False(keyed.UsesIdentity);
        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5", keyed.ConnectionString);

        Assert.True(
            From(
                ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
                ("AzureWebJobsStorage:accountName", "acct")
            ).UsesIdentity
        );
    }

    [Fact]
    public void NothingSet_FailsNamingTheSetting_ExceptOnADeveloperMachine()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => From());
        Assert.StartsWith("AzureWebJobsStorage is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", failure.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => From(("AzureWebJobsStorage", "  ")));

        Assert.Equal(
            "UseDevelopmentStorage=true",
            StorageConnection.From(Configuration(), developmentDefault: true).ConnectionString
        );
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:accountName", "Not_A_Name", "AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsStorage:accountName", "ab", "AzureWebJobsStorage__accountName")]
    [InlineData(
        "AzureWebJobsStorage:tableServiceUri",
        "http://tables.example.net",
        "AzureWebJobsStorage__tableServiceUri"
    )]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "blobs.example.net", "AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "/queues", "AzureWebJobsStorage__queueServiceUri")]
    public void UnusableSettings_FailWithTheSettingsName(string key, string value, string named)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => From((key, value)));
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyATableUri_IsNotEnough_BecauseTheArchiveNeedsBlobs()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            From(("AzureWebJobsStorage:tableServiceUri", "https://t.example.net"))
        );
        Assert.Contains("__blobServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityClients_AskTheCredentialForAStorageToken()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "acct"));
        var credential = new RecordingCredential();

        var tables = connection.CreateTableServiceClient(credential, NoRetries(new TableClientOptions()));
        var blobs = connection.CreateBlobServiceClient(credential, NoRetries(new BlobClientOptions()));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            tables.GetTableClient("Applications").GetEntityIfExistsAsync<TableEntity>("Q35", "Q35-0001")
        );
        await Assert.ThrowsAnyAsync<Exception>(() => blobs.GetBlobContainerClient("inbound").ExistsAsync());

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), tables.Uri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), blobs.Uri);
        Assert.Equal(2, credential.Scopes.Count);
        Assert.All(credential.Scopes, s => Assert.Contains("https://storage.azure.com/.default", s));
    }

    [Fact]
    public async Task TheAppsRegistration_UsesTheCredentialItIsGiven_ForTheTableClient()
    {
        var credential = new RecordingCredential();
        using var services = Services(credential, ("AzureWebJobsStorage:accountName", "acct"));

        var tables = services.GetRequiredService<TableServiceClient>();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            tables.GetTableClient("Applications").GetEntityIfExistsAsync<TableEntity>("Q35", "Q35-0001")
        );

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), tables.Uri);
        Assert.Equal(
            new Uri("https://acct.blob.core.windows.net"),
            services.GetRequiredService<StorageConnection>().BlobServiceUri
        );
        Assert.NotEmpty(credential.Scopes);
    }

    [Fact]
    public void TheAppsRegistration_WithoutStorageSettings_FailsNamingTheSetting()
    {
        using var services = Services(new RecordingCredential());

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TableServiceClient>());
        Assert.Contains("AzureWebJobsStorage", failure.Message, StringComparison.Ordinal);
    }

    private static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(Configuration(settings));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    /// <summary>The app's own storage registration, in Production, with the credential a test chooses.</summary>
    private static ServiceProvider Services(TokenCredential credential, params (string Key, string Value)[] settings)
    {
        var configuration = Configuration(settings);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production });
        services.AddSingleton<TokenCredential>(credential);
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }

    private static T NoRetries<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = 0;
        return options;
    }

    /// <summary>Records what a client asks for, then refuses: no request ever leaves the machine.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            throw new InvalidOperationException("Test credential: no tokens here.");
        }

        public override ValueTask<AccessToken> GetTokenAsync(
            TokenRequestContext requestContext,
            CancellationToken cancellationToken
        ) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
