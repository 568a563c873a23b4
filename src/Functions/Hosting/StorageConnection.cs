using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// How the app reaches its storage account, read from the same settings the Functions host uses: either
/// a connection string in <c>AzureWebJobsStorage</c> (Azurite locally), or identity-based settings
/// <c>AzureWebJobsStorage__accountName</c> and/or <c>__tableServiceUri</c>, <c>__blobServiceUri</c>,
/// <c>__queueServiceUri</c> (optionally <c>__clientId</c> for a user-assigned identity). Identity settings win.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? TableServiceUri, Uri? BlobServiceUri, string? ClientId)
{
    public const string Setting = "AzureWebJobsStorage";
    private const string Local = "UseDevelopmentStorage=true";

    public bool UsesIdentity => ConnectionString is null;

    /// <exception cref="InvalidOperationException">A setting is present but unusable; the message names it.</exception>
    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var account = section["accountName"];
        var table = ServiceUri(section, "tableServiceUri") ?? AccountUri(account, "table");
        var blob = ServiceUri(section, "blobServiceUri") ?? AccountUri(account, "blob");
        var queue = ServiceUri(section, "queueServiceUri");
        if (table is not null || blob is not null || queue is not null)
        {
            if (table is null || blob is null)
            {
                throw new InvalidOperationException(
                    $"{Setting}__tableServiceUri and {Setting}__blobServiceUri (or {Setting}__accountName) are both needed " +
                    "for identity-based storage: the app keeps tables and blobs.");
            }
            return new StorageConnection(null, table, blob, section["clientId"]);
        }
        var connectionString = section.Value;
        return new StorageConnection(string.IsNullOrWhiteSpace(connectionString) ? Local : connectionString, null, null, null);
    }

    public TableServiceClient CreateTableServiceClient(TokenCredential credential, TableClientOptions options) =>
        UsesIdentity ? new TableServiceClient(TableServiceUri!, credential, options) : new TableServiceClient(ConnectionString, options);

    public BlobServiceClient CreateBlobServiceClient(TokenCredential credential, BlobClientOptions options) =>
        UsesIdentity ? new BlobServiceClient(BlobServiceUri!, credential, options) : new BlobServiceClient(ConnectionString, options);

    private static Uri? ServiceUri(IConfiguration section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"{Setting}__{key} must be an absolute https URI; it is '{value}'.");
    }

    private static Uri? AccountUri(string? account, string service)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            return null;
        }
        return account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && account.Length is >= 3 and <= 24
            ? new Uri($"https://{account}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"{Setting}__accountName must be a storage account name (3-24 lower-case letters and digits); it is '{account}'.");
    }
}
