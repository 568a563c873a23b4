using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Workflows;

/// <summary>
/// Finds every application whose workflow is out of step with its record: one query of the records and one paged
/// query of the task hub's instances, however many applications there are. The Durable client comes from the
/// function's binding, as the Functions host gives it.
/// </summary>
public sealed partial class WorkflowChecks(
    ApplicationRepository applications,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<WorkflowChecks> logger
)
{
    /// <summary>Every application out of step, the longest-standing first.</summary>
    public async Task<IReadOnlyList<OutOfStep>> ListAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var records = await applications.ListAsync(null, null, ct);
        var instances = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        // Inputs too: the custom status (the next step and when it is due) comes with them.
        var query = new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 200 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            instances[instance.InstanceId] = instance;
        }
        var now = time.GetUtcNow();
        return
        [
            .. records
                .Select(r =>
                    WorkflowJudge.Judge(r, instances.GetValueOrDefault(r.Reference), now, options.Value.StuckAfter)
                )
                .OfType<OutOfStep>()
                .OrderBy(o => o.Since),
        ];
    }

    /// <summary>One application's workflow, judged; null when it is in step or there is no such application.</summary>
    public async Task<(ApplicationRecord? Record, OrchestrationMetadata? Instance, OutOfStep? OutOfStep)> CheckAsync(
        DurableTaskClient durable,
        string reference,
        CancellationToken ct
    )
    {
        var record = await applications.GetAsync(reference, ct);
        if (record is null)
        {
            return (null, null, null);
        }
        var instance = await durable.GetInstanceAsync(reference, getInputsAndOutputs: true, ct);
        return (record, instance, WorkflowJudge.Judge(record, instance, time.GetUtcNow(), options.Value.StuckAfter));
    }

    /// <summary>
    /// Writes one line per workflow out of step, which the "applications out of step" alert counts; returns how many.
    /// Hourly, so a terminated, missing or stuck workflow is raised even if nobody opens the list.
    /// </summary>
    public async Task<int> ReportAsync(DurableTaskClient durable, CancellationToken ct)
    {
        var found = await ListAsync(durable, ct);
        foreach (var entry in found)
        {
            LogOutOfStep(logger, entry.Reference, entry.What, entry.Since, entry.LastError);
        }
        return found.Count;
    }

    [LoggerMessage(
        EventId = 4002,
        EventName = WorkflowActivities.OutOfStepEvent,
        Level = LogLevel.Error,
        Message = "Workflow out of step: {Reference}: {What} Since {Since}. Last error: {LastError}"
    )]
    private static partial void LogOutOfStep(
        ILogger logger,
        string reference,
        string what,
        DateTimeOffset since,
        string? lastError
    );
}
