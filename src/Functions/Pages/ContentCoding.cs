using System.IO.Compression;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// A compression the browser may accept (<c>Accept-Encoding</c>): Brotli, which makes the NHS.UK stylesheet a tenth
/// of its size, or gzip, which every browser and proxy knows. The file extension is where the build puts an asset's
/// copy in that coding.
/// </summary>
public sealed record ContentCoding(string Name, string Extension)
{
    public static readonly ContentCoding Brotli = new("br", ".br");
    public static readonly ContentCoding Gzip = new("gzip", ".gz");

    private static readonly ContentCoding[] Known = [Brotli, Gzip];

    /// <summary>
    /// The codings this request accepts, the client's preferred first (Brotli before gzip when it ranks them alike):
    /// none when it sent no <c>Accept-Encoding</c>, and never one it ranks <c>q=0</c>.
    /// </summary>
    public static IReadOnlyList<ContentCoding> Accepted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offered = request.GetTypedHeaders().AcceptEncoding;
        return
        [
            .. Known
                .Select(coding => (Coding: coding, Quality: Quality(offered, coding.Name)))
                .Where(c => c.Quality > 0)
                .OrderByDescending(c => c.Quality)
                .Select(c => c.Coding),
        ];
    }

    /// <summary>
    /// <paramref name="content"/> in this coding, at the libraries' default level (Brotli 4, gzip 6): a rendered page
    /// costs about a millisecond, where the build's smallest size would cost far more than it saves.
    /// </summary>
    public byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        using (
            var encoder =
                this == Brotli
                    ? (Stream)new BrotliStream(output, CompressionLevel.Optimal)
                    : new GZipStream(output, CompressionLevel.Optimal)
        )
        {
            encoder.Write(content);
        }
        return output.ToArray();
    }

    private static double Quality(IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> offered, string name)
    {
        var entry = offered.FirstOrDefault(o => string.Equals(o.Value.Value, name, StringComparison.OrdinalIgnoreCase))
            ?? offered.FirstOrDefault(o => o.Value.Value == "*");
        return entry is null ? 0 : entry.Quality ?? 1;
    }
}
