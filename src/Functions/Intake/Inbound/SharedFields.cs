using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The small fields of one Inbound Parse POST, archived together as one blob in the form they arrived in: a
/// multipart/form-data body with the POST's own boundary (which no part of it contains) and each part's own headers.
/// </summary>
internal sealed class SharedFields(string boundary, string blob) : IDisposable
{
    private readonly MemoryStream _content = new();

    public string Blob => blob;

    public string ContentType => $"multipart/form-data; boundary=\"{boundary}\"";

    /// <summary>Bytes held so far.</summary>
    public long Bytes => _content.Length;

    public void Add(MultipartSection section, byte[] body)
    {
        var head = new StringBuilder().Append("--").Append(boundary).Append("\r\n");
        foreach (var (name, values) in section.Headers ?? [])
        {
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
        _content.Write(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()));
        _content.Write(body);
        _content.Write("\r\n"u8);
    }

    /// <summary>The whole body, closed by the final boundary, ready to upload; nothing may be added after.</summary>
    public Stream Content()
    {
        _content.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        _content.Position = 0;
        return _content;
    }

    public void Dispose() => _content.Dispose();
}
