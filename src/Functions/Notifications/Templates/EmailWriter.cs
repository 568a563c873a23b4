using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>
/// Builds one message from its parts (<see cref="EmailBlock"/>): the text part written by the parts themselves, the
/// HTML part rendered by <c>EmailDocument.razor</c> through <see cref="HtmlRenderer"/>, as the pages are. Every string
/// it is given is plain text; a template cannot forget to encode what an applicant or reviewer typed.
/// </summary>
internal sealed class EmailWriter(string subject)
{
    /// <summary>Email components use no services; one empty provider serves every render.</summary>
    private static readonly ServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    private readonly string _subject = OneLine(subject);
    private readonly List<EmailBlock> _blocks = [];

    public EmailWriter Heading(string heading) => Add(new EmailHeading(heading));

    public EmailWriter Paragraph(string paragraph) => Add(new EmailParagraph(paragraph));

    /// <summary>A paragraph, then a link. Only absolute http(s) addresses, which the app builds itself.</summary>
    public EmailWriter Link(string text, Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A link in an email is an absolute http(s) address.", nameof(address));
        }
        return Add(new EmailLink(text, address));
    }

    /// <summary>Label and value pairs, e.g. "Reference: Q35-0001".</summary>
    public EmailWriter Facts(params (string Label, string Value)[] facts) => Add(new EmailFacts(facts));

    public EmailWriter Bullets(IEnumerable<string> items) =>
        LabelledBullets(items.Select(item => ((string?)null, item)));

    /// <summary>A list whose items start with a label in bold, e.g. a criterion and the reason it was not
    /// met.</summary>
    public EmailWriter LabelledBullets(IEnumerable<(string? Label, string Text)> items) =>
        Add(new EmailBullets([.. items]));

    /// <summary>A table in HTML; in text, one line per row of "Header: value" pairs.</summary>
    public EmailWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        if (all.FirstOrDefault(row => row.Count != headers.Count) is { } wrong)
        {
            throw new ArgumentException($"A row has {wrong.Count} cells for {headers.Count} headers.", nameof(rows));
        }
        return Add(new EmailTable(headers, all));
    }

    /// <summary>The closing lines, e.g. "Pathfinder team" and the organisation.</summary>
    public EmailWriter SignOff(params string[] lines) => Add(new EmailSignOff(lines));

    public RenderedEmail Render()
    {
        var text = new StringBuilder();
        foreach (var block in _blocks)
        {
            block.WriteText(text);
        }
        return new RenderedEmail(_subject, text.ToString().TrimEnd('\n') + "\n", Html());
    }

    /// <summary>
    /// A subject or table cell must be one line: a name typed with a line break must not start a new mail header.
    /// </summary>
    internal static string OneLine(string value) =>
        string.Join(
            ' ',
            value
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(word => new string([.. word.Where(c => !char.IsControl(c))]))
        );

    private EmailWriter Add(EmailBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    /// <summary>
    /// The HTML part. The components do no asynchronous work, so the render completes before it returns and the
    /// templates stay pure functions that an activity, a request or a test can call.
    /// </summary>
    private string Html()
    {
        using var renderer = new HtmlRenderer(NoServices, NullLoggerFactory.Instance);
        var parameters = ParameterView.FromDictionary(
            new Dictionary<string, object?>
            {
                [nameof(EmailDocument.Subject)] = _subject,
                [nameof(EmailDocument.Blocks)] = _blocks.ToList(),
            }
        );
        var rendering = renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<EmailDocument>(parameters)).ToHtmlString()
        );
        return "<!DOCTYPE html>\n" + rendering.GetAwaiter().GetResult();
    }
}
