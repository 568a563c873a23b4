using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Reports;

namespace Pathfinder.Functions.Pages.National;

/// <summary>The national reports and their CSV files, from <see cref="ProgrammeReports"/> as the API's are.</summary>
public sealed class ReportPageFunctions(ProgrammeReports reports, PageAccess access)
{
    [Function(nameof(ReportsPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ReportsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/reports")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await access.Pages.RenderAsync<ReportsPageView>(
            request.HttpContext,
            staff,
            new ReportsModel(await reports.AllAsync(request.HttpContext.RequestAborted))
        );
    }

    /// <summary>One report as a CSV file for the national team's spreadsheets (<see
    /// cref="ReportTables.Names"/>).</summary>
    [Function(nameof(ReportCsv))]
    public async Task<Results<FileContentHttpResult, HtmlPage, RedirectHttpResult>> ReportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/reports/{report}/csv")] HttpRequest request,
        string report
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal.OrFile();
        }
        if (ReportTables.For(report, await reports.AllAsync(request.HttpContext.RequestAborted)) is not { } table)
        {
            return await access.NotFoundAsync(request, staff, $"There is no report called {report}.");
        }
        return table.ToResult();
    }
}
