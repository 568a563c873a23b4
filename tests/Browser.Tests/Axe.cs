using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Pathfinder.Browser.Tests;

/// <summary>axe-core on the page as it stands, with the WCAG 2.2 AA rules (and the A and AA rules of 2.0 and
/// 2.1).</summary>
public static class Axe
{
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Fails with every violation, readably: rule, impact, help, and each element with axe's
    /// summary.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(
            new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            }
        );
        if (result.Violations.Length == 0)
        {
            return;
        }
        var report = new StringBuilder(
            $"{result.Violations.Length} accessibility violation(s) on {what} ({page.Url}):\n"
        );
        foreach (var violation in result.Violations)
        {
            report
                .Append("\n- ")
                .Append(violation.Id)
                .Append(" (")
                .Append(violation.Impact)
                .Append("): ")
                .Append(violation.Help)
                .Append("\n  ")
                .Append(violation.HelpUrl)
                .Append('\n');
            foreach (var node in violation.Nodes)
            {
                report
                    .Append("    at ")
                    .Append(node.Target)
                    .Append('\n')
                    .Append("       ")
                    .Append(node.Html)
                    .Append('\n');
                // axe's checks: "any" must pass one, "all" and "none" must pass every one; these failed.
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    report.Append("       ").Append(check.Message).Append('\n');
                }
            }
        }
        Assert.Fail(report.ToString());
    }
}
