using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;

namespace Pathfinder.Functions.Pages.Assets;

/// <summary>
/// Serves the NHS.UK frontend's CSS, JS and images and the app's own few, from the <c>assets</c> folder the build
/// fills (from the npm package that <c>scripts/setup.sh</c> installs). Public: nothing here is personal. The same
/// function answers in both hosts, so both send the build's Brotli or gzip copy to a browser that accepts it, and
/// both let a browser keep a URL with the current content hash (see <see cref="PageAssets"/>) for a year.
/// </summary>
public sealed class AssetFunctions
{
    /// <summary>What a URL with the file's current hash may be kept: it names this content and no other.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>
    /// A URL without the hash (the stylesheet's own image references, a bookmarked favicon) or with another one (a
    /// page from an instance on another version, during a deployment): an hour, as before, rather than pinning it.
    /// </summary>
    public const string Unversioned = "public, max-age=3600";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [Function(nameof(PageAsset))]
    public static Results<FileStreamHttpResult, NotFound> PageAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*path}")] HttpRequest request,
        string path
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var assets = PageAssets.App;
        path ??= "";
        // The provider refuses paths that leave its folder (.., absolute paths) by answering "not found".
        var file = assets.File(path);
        if (!file.Exists || file.IsDirectory || !ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            return TypedResults.NotFound();
        }
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = request.Query[PageAssets.VersionQuery] == assets.Version(path) ? Immutable : Unversioned;
        // Caches keep one answer per coding; the header goes on every answer, whichever coding it carries.
        headers.Vary = "Accept-Encoding";
        foreach (var coding in ContentCoding.Accepted(request))
        {
            var encoded = assets.File(path + coding.Extension);
            if (encoded.Exists)
            {
                headers.ContentEncoding = coding.Name;
                file = encoded;
                break;
            }
        }
        return TypedResults.File(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
