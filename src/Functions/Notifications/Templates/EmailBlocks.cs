using System.Text;

namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>
/// One part of an email's body. Each part writes its own plain-text form; <c>EmailDocument.razor</c> renders its
/// HTML form, so the two parts of a message always say the same thing. Every string is plain text as people typed
/// it: the HTML renderer encodes it, and markup comes only from the component.
/// </summary>
public abstract record EmailBlock
{
    internal abstract void WriteText(StringBuilder text);

    /// <summary>Line endings made "\n", and no blank lines at either end.</summary>
    internal static string Lines(string value) => value.ReplaceLineEndings("\n").Trim();
}

public sealed record EmailHeading(string Text) : EmailBlock
{
    internal override void WriteText(StringBuilder text) =>
        text.Append(Text).Append('\n').Append(new string('-', Text.Length)).Append("\n\n");
}

public sealed record EmailParagraph(string Text) : EmailBlock
{
    internal override void WriteText(StringBuilder text) => text.Append(Lines(Text)).Append("\n\n");
}

/// <summary>
/// A paragraph, then a link: in text, the address on its own line (mail clients make it clickable); in HTML, the
/// address as a link.
/// </summary>
public sealed record EmailLink(string Text, Uri Address) : EmailBlock
{
    internal override void WriteText(StringBuilder text) =>
        text.Append(Lines(Text)).Append('\n').Append(Address.AbsoluteUri).Append("\n\n");
}

/// <summary>Label and value pairs, e.g. "Reference: Q35-0001".</summary>
public sealed record EmailFacts(IReadOnlyList<(string Label, string Value)> Facts) : EmailBlock
{
    internal override void WriteText(StringBuilder text)
    {
        foreach (var (label, value) in Facts)
        {
            text.Append(label).Append(": ").Append(Lines(value)).Append('\n');
        }
        text.Append('\n');
    }
}

/// <summary>A list whose items may start with a label in bold, e.g. a criterion and the reason it was not
/// met.</summary>
public sealed record EmailBullets(IReadOnlyList<(string? Label, string Text)> Items) : EmailBlock
{
    internal override void WriteText(StringBuilder text)
    {
        foreach (var (label, item) in Items)
        {
            text.Append("- ");
            if (label is not null)
            {
                text.Append(label).Append(": ");
            }
            text.Append(Lines(item).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        }
        text.Append('\n');
    }
}

/// <summary>A table in HTML; in text, one line per row of "Header: value" pairs.</summary>
public sealed record EmailTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : EmailBlock
{
    internal override void WriteText(StringBuilder text)
    {
        foreach (var row in Rows)
        {
            text.Append("- ")
                .AppendJoin("; ", Headers.Zip(row, (header, cell) => $"{header}: {EmailWriter.OneLine(cell)}"))
                .Append('\n');
        }
        text.Append('\n');
    }
}

/// <summary>The closing lines, e.g. "Pathfinder team" and the organisation.</summary>
public sealed record EmailSignOff(IReadOnlyList<string> Closing) : EmailBlock
{
    internal override void WriteText(StringBuilder text) => text.AppendJoin('\n', Closing).Append('\n');
}
