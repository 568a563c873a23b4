using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Reports;

namespace Pathfinder.Functions.Pages.National;

/// <summary>The coverage and support-needs reports, from <see cref="ProgrammeReports"/> as the API's are.</summary>
public sealed class ReportPageFunctions(ProgrammeReports reports, PageAccess access)
{
    [Function(nameof(ReportsPage))]
    public async Task<IResult> ReportsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/reports")] HttpRequest request)
    {
        var (staff, refusal) = await access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        return await access.Pages.RenderAsync<ReportsPageView>(request.HttpContext, staff,
            new ReportsModel(await reports.CoverageAsync(ct), await reports.SupportNeedsAsync(ct)));
    }
}
