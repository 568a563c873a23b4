using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Reports;

/// <summary>Every national report, worked out from one read of the applications (and one of the waves).</summary>
public sealed record NationalReports(
    PipelineReport Pipeline,
    RejectionReport Rejections,
    WaveCoverageReport CoverageByWave,
    CoverageReport Coverage,
    SupportNeedsReport SupportNeeds
);

/// <summary>The national team's reports over every application, for the API, the reports page and the CSV
/// files.</summary>
public sealed class ProgrammeReports(ApplicationRepository applications, WaveRepository waves, TimeProvider time)
{
    public async Task<CoverageReport> CoverageAsync(CancellationToken cancellationToken) =>
        CoverageReport.Of((await applications.ListAsync(null, null, cancellationToken)).Select(a => a.ToSummary()));

    public async Task<SupportNeedsReport> SupportNeedsAsync(CancellationToken cancellationToken) =>
        SupportNeedsReport.Of((await applications.ListAsync(null, null, cancellationToken)).Select(a => a.ToSummary()));

    /// <summary>All of them from the same records, so the figures agree with each other.</summary>
    public async Task<NationalReports> AllAsync(CancellationToken cancellationToken)
    {
        var records = await applications.ListAsync(null, null, cancellationToken);
        var nextWave = (await waves.ListAsync(cancellationToken)).Where(w => !w.IsAnnounced).Min(w => (int?)w.Number);
        var entries = records.Select(Entry).ToList();
        var summaries = records.Select(r => r.ToSummary()).ToList();
        return new NationalReports(
            PipelineReport.Of(entries, time.GetUtcNow()),
            RejectionReport.Of(entries),
            WaveCoverageReport.Of(entries, nextWave),
            CoverageReport.Of(summaries),
            SupportNeedsReport.Of(summaries)
        );
    }

    /// <summary>What the reports need of one record.</summary>
    public static ReportEntry Entry(ApplicationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ReportEntry(
            record.Reference,
            record.ConsortiumName,
            ShaCode.From(record.ShaCode).Value!,
            record.Status,
            record.RegisteredPopulation,
            record.ReceivedAt,
            record.ReviewDeadline
        )
        {
            DecidedAt = record.Decision?.DecidedAt,
            Criteria = record.Decision?.Criteria,
            Wave = record.Wave,
            SupportNeeds = record.SupportNeeds,
        };
    }
}
