using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// How the app reaches its storage account, read from the same settings the Functions host uses: either
/// a connection string in <c>AzureWebJobsStorage</c> (Azurite locally), or identity-based settings
/// <c>AzureWebJobsStorage__accountName</c> and/or <c>__tableServiceUri</c>, <c>__blobServiceUri</c>,
/// <c>__queueServiceUri</c> (optionally <c>__clientId</c> for a user-assigned identity). Identity settings win.
/// Other features (the email archive's blobs) build their clients from this one record, so they follow the same
/// setting.
/// </summary>
public sealed record StorageConnection(
    string? ConnectionString,
    Uri? TableServiceUri,
    Uri? BlobServiceUri,
    Uri? QueueServiceUri,
    string? ClientId
)
{
    public const string Setting = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public bool UsesIdentity => ConnectionString is null;

    /// <param name="configuration">The app's configuration (environment variables use <c>__</c> for <c>:</c>).</param>
    /// <param name="developmentDefault">
    /// When nothing is set, use Azurite on its default ports (a developer machine) instead of failing.
    /// </param>
    /// <exception cref="InvalidOperationException">A setting is missing or unusable; the message names it.</exception>
    public static StorageConnection From(IConfiguration configuration, bool developmentDefault = false)
    {
        var section = configuration.GetSection(Setting);
        var account = section["accountName"];
        var table = ServiceUri(section, "tableServiceUri") ?? AccountUri(account, "table");
        var blob = ServiceUri(section, "blobServiceUri") ?? AccountUri(account, "blob");
        var queue = ServiceUri(section, "queueServiceUri") ?? AccountUri(account, "queue");
        if (table is not null || blob is not null || queue is not null)
        {
            if (table is null || blob is null)
            {
                throw new InvalidOperationException(
                    $"{Setting}__tableServiceUri and {Setting}__blobServiceUri (or {Setting}__accountName) are both "
                        + $"needed "
                        + "for identity-based storage: the app keeps tables and blobs."
                );
            }
            return new StorageConnection(null, table, blob, queue, Blank(section["clientId"]));
        }
        var connectionString = Blank(section.Value) ?? (developmentDefault ? DevelopmentStorage : null);
        return connectionString is not null
            ? new StorageConnection(connectionString, null, null, null, null)
            : throw new InvalidOperationException(
                $"{Setting} is not set. Give a connection string in {Setting}, or identity-based settings: "
                    + $"{Setting}__accountName, or {Setting}__tableServiceUri and {Setting}__blobServiceUri."
            );
    }

    public TableServiceClient CreateTableServiceClient(TokenCredential credential, TableClientOptions options) =>
        UsesIdentity
            ? new TableServiceClient(TableServiceUri!, credential, options)
            : new TableServiceClient(ConnectionString, options);

    public BlobServiceClient CreateBlobServiceClient(TokenCredential credential, BlobClientOptions options) =>
        UsesIdentity
            ? new BlobServiceClient(BlobServiceUri!, credential, options)
            : new BlobServiceClient(ConnectionString, options);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Uri? ServiceUri(IConfiguration section, string key)
    {
        var value = Blank(section[key]);
        if (value is null)
        {
            return null;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"{Setting}__{key} must be an absolute https URI; it is '{value}'.");
    }

    private static Uri? AccountUri(string? account, string service)
    {
        if (Blank(account) is not { } name)
        {
            return null;
        }
        return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && name.Length is >= 3 and <= 24
            ? new Uri($"https://{name}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"{Setting}__accountName must be a storage account name (3-24 lower-case letters and digits); it is "
                    + $"'{account}'."
            );
    }
}
