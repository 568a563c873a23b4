using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Reports;

public sealed record SupportNeedsLine(ShaView Sha, int Applications, IReadOnlyDictionary<SupportNeed, int> Counts);

/// <summary>The support needs report as the API answers it: a line per SHA, then England.</summary>
public sealed record SupportNeedsView(
    IReadOnlyList<SupportNeedsLine> Shas,
    IReadOnlyDictionary<SupportNeed, int> England
);

/// <summary>The health check's answer.</summary>
public sealed record HealthView(string Status);

public sealed record PathfinderEntry(
    string Id,
    string ConsortiumName,
    ShaView Sha,
    ApplicationStatus Status,
    int? Wave,
    IReadOnlyList<string> AreasOfWork,
    DateOnly? GoLive
);

/// <summary>Coverage and support needs for staff; the learning network's public directory; the health check.</summary>
public sealed class ReportFunctions(ApplicationRepository applications, ProgrammeReports reports)
{
    [Function(nameof(CoverageReport))]
    public async Task<Results<Ok<CoverageReport>, ProblemHttpResult>> CoverageReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/coverage")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok(await reports.CoverageAsync(request.HttpContext.RequestAborted));
    }

    [Function(nameof(SupportNeedsReport))]
    public async Task<Results<Ok<SupportNeedsView>, ProblemHttpResult>> SupportNeedsReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/support-needs")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.Staff)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        var report = await reports.SupportNeedsAsync(request.HttpContext.RequestAborted);
        return TypedResults.Ok(
            new SupportNeedsView(
                [.. report.Shas.Select(s => new SupportNeedsLine(ShaView.Of(s.Sha.Code), s.Applications, s.Counts))],
                report.England
            )
        );
    }

    /// <summary>Where applications stand by SHA and for England, and how quickly each SHA decides.</summary>
    [Function(nameof(PipelineReport))]
    public async Task<Results<Ok<PipelineReport>, ProblemHttpResult>> PipelineReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/pipeline")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok((await reports.AllAsync(request.HttpContext.RequestAborted)).Pipeline);
    }

    /// <summary>Rejections by criterion not demonstrated, by SHA and for England, with the reviewers' notes.</summary>
    [Function(nameof(RejectionReport))]
    public async Task<Results<Ok<RejectionReport>, ProblemHttpResult>> RejectionReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/rejections")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok((await reports.AllAsync(request.HttpContext.RequestAborted)).Rejections);
    }

    /// <summary>Coverage after each announced wave, and the two forecasts.</summary>
    [Function(nameof(CoverageByWaveReport))]
    public async Task<Results<Ok<WaveCoverageReport>, ProblemHttpResult>> CoverageByWaveReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/coverage-by-wave")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok((await reports.AllAsync(request.HttpContext.RequestAborted)).CoverageByWave);
    }

    [Function(nameof(Pathfinders))]
    public async Task<Ok<IReadOnlyList<PathfinderEntry>>> Pathfinders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/pathfinders")] HttpRequest request
    ) => TypedResults.Ok(await applications.PathfindersAsync(request.HttpContext.RequestAborted));

    [Function(nameof(Health))]
    public static Ok<HealthView> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request
    ) => TypedResults.Ok(new HealthView("healthy"));
}
