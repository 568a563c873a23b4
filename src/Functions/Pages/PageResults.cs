using System.Diagnostics;

namespace Pathfinder.Functions.Pages;

/// <summary>What a page handler answers: the page (any status) or a redirect, and for the CSV exports a file.</summary>
public static class PageResults
{
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
