using System.Diagnostics;

namespace Pathfinder.Functions.Pages;

/// <summary>What a page handler answers: the page (any status) or a redirect, and for the CSV exports a file.</summary>
public static class PageResults
{
    /// <summary>
    /// A page as a page handler's answer, as a step's refusal needs it: C# applies one implicit conversion, and
    /// a page becomes a step in two.
    /// </summary>
    public static Results<HtmlPage, RedirectHttpResult> AsAnswer(this HtmlPage page) => page;

    /// <summary>A redirect as a page handler's answer (see <see cref="AsAnswer(HtmlPage)"/>).</summary>
    public static Results<HtmlPage, RedirectHttpResult> AsAnswer(this RedirectHttpResult redirect) => redirect;

    /// <summary>A page or redirect, as the answer of a handler that may also send a file.</summary>
    public static Results<FileContentHttpResult, HtmlPage, RedirectHttpResult> OrFile(
        this Results<HtmlPage, RedirectHttpResult> answer
    ) =>
        answer.Result switch
        {
            HtmlPage page => page,
            RedirectHttpResult redirect => redirect,
            var other => throw new UnreachableException($"A page answer is a page or a redirect, not {other}"),
        };
}
