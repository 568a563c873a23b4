using System.Net;
using System.Text;

namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>
/// Writes the text and HTML bodies of one message side by side. Every string it is given is plain text and is
/// HTML-encoded here, so a template cannot forget to encode what an applicant or reviewer typed; markup comes only
/// from the methods themselves.
/// </summary>
internal sealed class EmailWriter(string subject)
{
    private const string Cell = "padding: 4px 12px 4px 0; text-align: left; vertical-align: top;";
    private const string Ruled = "padding: 4px 8px; text-align: left; vertical-align: top; border: 1px solid #d8dde0;";

    private readonly string _subject = OneLine(subject);
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public EmailWriter Heading(string heading)
    {
        _text.Append(heading).Append('\n').Append(new string('-', heading.Length)).Append("\n\n");
        _html.Append("<h2 style=\"font-size: 18px; margin: 24px 0 8px;\">").Append(Encode(heading)).Append("</h2>\n");
        return this;
    }

    public EmailWriter Paragraph(string paragraph)
    {
        _text.Append(Lines(paragraph)).Append("\n\n");
        _html.Append("<p>").Append(EncodeLines(paragraph)).Append("</p>\n");
        return this;
    }

    /// <summary>
    /// A paragraph of text, then a link: in text, the address on its own line (mail clients make it clickable); in
    /// HTML, the address as a link. Only absolute http(s) addresses, which the app builds itself.
    /// </summary>
    public EmailWriter Link(string text, Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A link in an email is an absolute http(s) address.", nameof(address));
        }
        var href = address.AbsoluteUri;
        _text.Append(Lines(text)).Append('\n').Append(href).Append("\n\n");
        _html.Append("<p>").Append(EncodeLines(text)).Append("<br>\n<a href=\"").Append(Encode(href)).Append("\">")
            .Append(Encode(href)).Append("</a></p>\n");
        return this;
    }

    /// <summary>Label and value pairs, e.g. "Reference: EOI-2010-0001".</summary>
    public EmailWriter Facts(params (string Label, string Value)[] facts)
    {
        _html.Append("<table role=\"presentation\" style=\"border-collapse: collapse; margin: 0 0 16px;\">\n");
        foreach (var (label, value) in facts)
        {
            _text.Append(label).Append(": ").Append(Lines(value)).Append('\n');
            _html.Append("<tr><th scope=\"row\" style=\"").Append(Cell).Append("\">").Append(Encode(label))
                .Append("</th><td style=\"").Append(Cell).Append("\">").Append(EncodeLines(value))
                .Append("</td></tr>\n");
        }
        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    public EmailWriter Bullets(IEnumerable<string> items) =>
        LabelledBullets(items.Select(item => ((string?)null, item)));

    /// <summary>A list whose items start with a label in bold, e.g. a criterion and the reason it was not met.</summary>
    public EmailWriter LabelledBullets(IEnumerable<(string? Label, string Text)> items)
    {
        _html.Append("<ul>\n");
        foreach (var (label, text) in items)
        {
            _text.Append("- ");
            _html.Append("<li>");
            if (label is not null)
            {
                _text.Append(label).Append(": ");
                _html.Append("<strong>").Append(Encode(label)).Append("</strong>: ");
            }
            _text.Append(Lines(text).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
            _html.Append(EncodeLines(text)).Append("</li>\n");
        }
        _text.Append('\n');
        _html.Append("</ul>\n");
        return this;
    }

    /// <summary>A table in HTML; in text, one line per row of "Header: value" pairs.</summary>
    public EmailWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _html.Append("<table style=\"border-collapse: collapse; margin: 0 0 16px;\">\n<thead><tr>");
        foreach (var header in headers)
        {
            _html.Append("<th scope=\"col\" style=\"").Append(Ruled).Append("\">").Append(Encode(header))
                .Append("</th>");
        }
        _html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"A row has {row.Count} cells for {headers.Count} headers.", nameof(rows));
            }
            _text.Append("- ")
                .AppendJoin("; ", headers.Zip(row, (header, cell) => $"{header}: {OneLine(cell)}"))
                .Append('\n');
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                _html.Append("<td style=\"").Append(Ruled).Append("\">").Append(EncodeLines(cell)).Append("</td>");
            }
            _html.Append("</tr>\n");
        }
        _text.Append('\n');
        _html.Append("</tbody>\n</table>\n");
        return this;
    }

    /// <summary>The closing lines, e.g. "Pathfinder team" and the organisation.</summary>
    public EmailWriter SignOff(params string[] lines)
    {
        _text.AppendJoin('\n', lines).Append('\n');
        _html.Append("<p>").AppendJoin("<br>", lines.Select(Encode)).Append("</p>\n");
        return this;
    }

    public RenderedEmail Render() => new(
        _subject,
        _text.ToString().TrimEnd('\n') + "\n",
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Encode(_subject) +
        "</title>\n</head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; " +
        "line-height: 1.5; color: #212b32;\">\n" + _html + "</body>\n</html>\n");

    /// <summary>
    /// A subject or table cell must be one line: a name typed with a line break must not start a new mail header.
    /// </summary>
    internal static string OneLine(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string([.. word.Where(c => !char.IsControl(c))])));

    private static string Lines(string value) => value.ReplaceLineEndings("\n").Trim();

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string EncodeLines(string value) => Encode(Lines(value)).Replace("\n", "<br>\n", StringComparison.Ordinal);
}
