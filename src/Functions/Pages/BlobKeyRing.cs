using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// The data protection key ring as blobs, one per key, so every instance of the app (and a restarted local host)
/// reads the tokens and cookies another protected. The container is private to the app's storage account.
/// </summary>
public sealed class BlobKeyRing(BlobContainerClient container) : IXmlRepository
{
    /// <summary><c>{table prefix}keys</c> in lower case, as container names must be.</summary>
    public static string ContainerName(string tablePrefix) => (tablePrefix + "keys").ToLowerInvariant();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The key ring is read once at start and when a key expires; the data protection API is synchronous.
        container.CreateIfNotExists();
        return
        [
            .. container
                .GetBlobs()
                .Select(b =>
                {
                    using var stream = container.GetBlobClient(b.Name).OpenRead();
                    return XElement.Load(stream);
                }),
        ];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        container.CreateIfNotExists();
        using var stream = new MemoryStream();
        element.Save(stream);
        stream.Position = 0;
        try
        {
            container.GetBlobClient($"{friendlyName}.xml").Upload(stream, overwrite: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance stored the same key first: keys are named by their id, so it is the same key.
        }
    }
}
