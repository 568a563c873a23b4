using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.FileProviders;

namespace Pathfinder.Functions.Pages.Assets;

/// <summary>
/// Serves the NHS.UK frontend's CSS, JS and images and the app's own few, from the <c>assets</c> folder the build
/// fills (from the npm package that <c>scripts/setup.sh</c> installs). Public and cacheable: nothing here is personal.
/// </summary>
public sealed class AssetFunctions
{
    private static readonly PhysicalFileProvider Files = new(Path.Combine(AppContext.BaseDirectory, "assets"));
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [Function(nameof(PageAsset))]
    public static IResult PageAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*path}")] HttpRequest request, string path)
    {
        // The provider refuses paths that leave its folder (.., absolute paths) by answering "not found".
        var file = Files.GetFileInfo(path ?? "");
        if (!file.Exists || file.IsDirectory || !ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            return TypedResults.NotFound();
        }
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.File(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
