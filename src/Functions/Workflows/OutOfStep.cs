using System.Text.Json;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Workflows;

/// <summary>What is wrong with an application's workflow.</summary>
public enum OutOfStepKind
{
    /// <summary>No instance in the task hub, while the record still has steps to come.</summary>
    Missing,
    Failed,
    Terminated,

    /// <summary>The instance completed while the record still has steps to come.</summary>
    Completed,
    Suspended,

    /// <summary>Pending or running, but its next step (or a command) is long overdue.</summary>
    Stuck,
}

/// <summary>
/// One application whose workflow is out of step with its record: what is wrong, since when, and the last error.
/// </summary>
public sealed record OutOfStep(
    string Reference,
    string ConsortiumName,
    string ShaCode,
    ApplicationStatus RecordStatus,
    OutOfStepKind Kind,
    string What,
    DateTimeOffset Since,
    string? LastError
);

/// <summary>Judges one application's record against its orchestration instance. Pure: the caller reads both.</summary>
public static class WorkflowJudge
{
    /// <summary>
    /// Out of step, or null when the instance is where the record says it should be. An ended application whose
    /// instance is gone was purged by the retention policy, which is as it should be.
    /// </summary>
    public static OutOfStep? Judge(
        ApplicationRecord record,
        OrchestrationMetadata? instance,
        DateTimeOffset now,
        TimeSpan stuckAfter
    )
    {
        ArgumentNullException.ThrowIfNull(record);
        var ended = ApplicationLifecycle.IsFinal(record.Status) || record.PersonalDataRemovedAt is not null;
        var problem = record.WorkflowProblem?.Error;
        var status = ApplicationLifecycle.Describe(record.Status);
        OutOfStep Entry(OutOfStepKind kind, string what, DateTimeOffset since, string? error = null) =>
            new(
                record.Reference,
                record.ConsortiumName,
                record.ShaCode,
                record.Status,
                kind,
                what,
                since,
                error ?? problem
            );

        if (instance is null)
        {
            return ended
                ? null
                : Entry(
                    OutOfStepKind.Missing,
                    $"Its workflow is missing from the task hub, but the record says {status}.",
                    record.Timeline.Count > 0 ? record.Timeline[^1].At : record.ReceivedAt
                );
        }
        var since = instance.LastUpdatedAt;
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed:
                return Entry(
                    OutOfStepKind.Failed,
                    $"Its workflow failed; the record says {status}.",
                    since,
                    problem ?? instance.FailureDetails?.ErrorMessage
                );
            case OrchestrationRuntimeStatus.Terminated:
                return ended
                    ? null
                    : Entry(
                        OutOfStepKind.Terminated,
                        $"Its workflow was terminated, but the record says {status}.",
                        since,
                        problem ?? Reason(instance.SerializedOutput)
                    );
            case OrchestrationRuntimeStatus.Completed:
                return ended
                    ? null
                    : Entry(
                        OutOfStepKind.Completed,
                        $"Its workflow has completed, but the record says {status}.",
                        since
                    );
            case OrchestrationRuntimeStatus.Suspended:
                return Entry(OutOfStepKind.Suspended, $"Its workflow is suspended; the record says {status}.", since);
        }

        // Pending or running: out of step only once something it should have done is long overdue.
        if (record.Pending.Count > 0 && record.Pending[0].At + stuckAfter < now)
        {
            return Entry(
                OutOfStepKind.Stuck,
                $"A {record.Pending[0].Describe} accepted on {UkTime.Describe(record.Pending[0].At)} has not "
                    + $"been applied.",
                record.Pending[0].At
            );
        }
        var progress = Progress(instance.SerializedCustomStatus);
        if (progress is null)
        {
            // Not yet waiting for anything: it is registering or sending its first emails, which takes seconds.
            return instance.CreatedAt + stuckAfter < now
                ? Entry(
                    OutOfStepKind.Stuck,
                    instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending
                        ? "Its workflow has not started."
                        : "Its workflow has not finished starting.",
                    instance.CreatedAt
                )
                : null;
        }
        if (progress.NextDeadline is { } due && due + stuckAfter < now)
        {
            return Entry(
                OutOfStepKind.Stuck,
                $"Its next step ({progress.NextStep}) was due on {UkTime.Describe(due)}.",
                due
            );
        }
        if (ended && since + stuckAfter < now)
        {
            return Entry(OutOfStepKind.Stuck, $"Its workflow is still running, but the record says {status}.", since);
        }
        return null;
    }

    private static ApplicationProgress? Progress(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ApplicationProgress>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A termination's reason is the instance's output, as a JSON string.</summary>
    private static string? Reason(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<string>(output);
        }
        catch (JsonException)
        {
            return output;
        }
    }
}
