using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Reports;

/// <summary>The coverage and support-needs reports over every application, for the API and the national team's page.</summary>
public sealed class ProgrammeReports(ApplicationRepository applications)
{
    public async Task<Domain.CoverageReport> CoverageAsync(CancellationToken cancellationToken) =>
        Domain.CoverageReport.Of((await applications.ListAsync(null, null, cancellationToken)).Select(a => a.ToSummary()));

    public async Task<Domain.SupportNeedsReport> SupportNeedsAsync(CancellationToken cancellationToken) =>
        Domain.SupportNeedsReport.Of((await applications.ListAsync(null, null, cancellationToken)).Select(a => a.ToSummary()));
}
