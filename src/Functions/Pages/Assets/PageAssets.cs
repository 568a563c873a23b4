using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Pathfinder.Functions.Pages.Assets;

/// <summary>
/// The pages' assets folder (the NHS.UK frontend and the app's own files, with the build's <c>.br</c> and <c>.gz</c>
/// copies), and the URLs pages link them by: <c>/assets/{path}?v={hash}</c>, where the hash is of the file's content,
/// so a changed file gets a new URL and a browser may keep each URL's answer for a year.
/// </summary>
public sealed class PageAssets : IDisposable
{
    /// <summary>The query parameter that carries an asset's content hash.</summary>
    public const string VersionQuery = "v";

    private readonly PhysicalFileProvider _files;

    // Hashed once per content: keyed by the file's size and time, so a file replaced in place is hashed again.
    private readonly ConcurrentDictionary<(string Path, long Length, DateTimeOffset Modified), string> _versions =
        new();

    public PageAssets(string folder) => _files = new PhysicalFileProvider(folder);

    /// <summary>The app's assets, in the <c>assets</c> folder beside its binaries (the build's output and the
    /// package).</summary>
    public static PageAssets App { get; } = new(Path.Combine(AppContext.BaseDirectory, "assets"));

    /// <summary>The file at <paramref name="path"/> under the folder; one that leaves the folder does not
    /// exist.</summary>
    public IFileInfo File(string path) => _files.GetFileInfo(path);

    /// <summary>The URL a page links <paramref name="path"/> by, with its content hash.</summary>
    public string Url(string path) => $"/assets/{path}?{VersionQuery}={Version(path)}";

    /// <summary>The content hash of the file at <paramref name="path"/>: 16 hex digits of its SHA-256.</summary>
    public string Version(string path)
    {
        var file = File(path);
        if (!file.Exists || file.IsDirectory)
        {
            throw new FileNotFoundException($"The pages link an asset the build did not copy: assets/{path}", path);
        }
        return _versions.GetOrAdd((path, file.Length, file.LastModified), _ =>
        {
            using var content = file.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        });
    }

    public void Dispose() => _files.Dispose();
}
