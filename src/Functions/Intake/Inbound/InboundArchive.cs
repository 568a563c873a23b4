using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The raw emails in Blob Storage: container <c>{table prefix}inbound</c> (lower case), under
/// <c>{yyyy}/{MM}/{dd}/{email id}/</c>. The small fields of a POST share one blob, <c>00-fields</c>: a
/// multipart/form-data body with the POST's boundary, each field with the headers it came with. Each attachment, and
/// each field too large to share, has a blob of its own named by part order and field name (<c>03-text</c>,
/// <c>12-attachment1</c>); an attachment's file name and type are kept on the blob and in the InboundEmails row.
/// </summary>
public sealed class InboundArchive(BlobServiceClient service, string containerName)
{
    // Uploads go in 1 MB blocks, one at a time, so memory per email stays flat whatever the attachment size.
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 1024 * 1024,
        MaximumTransferSize = 1024 * 1024,
        MaximumConcurrency = 1,
    };

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(containerName);
    private readonly Once _created = new(() => service.GetBlobContainerClient(containerName).CreateIfNotExistsAsync());

    public string ContainerName => _container.Name;

    public static string PrefixFor(string emailId, DateTimeOffset receivedAt) =>
        $"{receivedAt.UtcDateTime:yyyy}/{receivedAt.UtcDateTime:MM}/{receivedAt.UtcDateTime:dd}/{emailId}/";

    /// <summary>Streams one part into its blob.</summary>
    public async Task StoreAsync(
        string blobName,
        Stream content,
        string? contentType,
        string? fileName,
        CancellationToken ct
    )
    {
        await EnsureAsync(ct);
        var options = new BlobUploadOptions
        {
            TransferOptions = Transfer,
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType ?? "text/plain; charset=utf-8" },
            Metadata = fileName is null
                ? null
                : new Dictionary<string, string> { ["filename"] = Uri.EscapeDataString(fileName) },
        };
        await _container.GetBlobClient(blobName).UploadAsync(content, options, ct);
    }

    /// <summary>Opens an archived part for reading, streamed from storage.</summary>
    public Stream Open(string blobName) => _container.GetBlobClient(blobName).OpenRead();

    public async Task<byte[]> ReadAsync(string blobName, CancellationToken ct) =>
        (await _container.GetBlobClient(blobName).DownloadContentAsync(ct)).Value.Content.ToArray();

    /// <summary>Removes what a rejected POST (too large, malformed) left behind: it was never accepted.</summary>
    public async Task DeleteAsync(string prefix, CancellationToken ct)
    {
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct))
            {
                await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: nothing was stored.
        }
    }

    private Task EnsureAsync(CancellationToken ct) => _created.EnsureAsync(ct);
}
