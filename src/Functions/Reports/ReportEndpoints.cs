using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Reports;

public sealed record SupportNeedsLine(ShaView Sha, int Applications, IReadOnlyDictionary<SupportNeed, int> Counts);

public sealed record PathfinderEntry(string Id, string ConsortiumName, ShaView Sha, ApplicationStatus Status, int? Wave,
    IReadOnlyList<string> AreasOfWork, DateOnly? GoLive);

/// <summary>Coverage and support needs for staff; the learning network's public directory.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/coverage", async (ApplicationRepository applications, CancellationToken ct) =>
                TypedResults.Ok(CoverageReport.Of((await applications.ListAsync(null, null, ct)).Select(a => a.ToSummary()))))
            .RequireAuthorization(Security.StaffPolicy);
        app.MapGet("/api/reports/support-needs", async (ApplicationRepository applications, CancellationToken ct) =>
            {
                var report = SupportNeedsReport.Of((await applications.ListAsync(null, null, ct)).Select(a => a.ToSummary()));
                return TypedResults.Ok(new
                {
                    shas = report.Shas.Select(s => new SupportNeedsLine(ShaView.Of(s.Sha.Code), s.Applications, s.Counts)),
                    england = report.England,
                });
            })
            .RequireAuthorization(Security.StaffPolicy);
        app.MapGet("/api/pathfinders", async (ApplicationRepository applications, CancellationToken ct) =>
            TypedResults.Ok((await applications.ListAsync(null, null, ct))
                .Where(a => a.Status is ApplicationStatus.Announced or ApplicationStatus.Live)
                .OrderBy(a => a.Wave).ThenBy(a => a.ConsortiumName, StringComparer.Ordinal)
                .Select(a => new PathfinderEntry(a.Reference, a.ConsortiumName, ShaView.Of(a.ShaCode), a.Status, a.Wave,
                    a.AreasOfWork, a.GoLive))
                .ToList()));
        return app;
    }
}
