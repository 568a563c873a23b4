using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>An application's workflow stopped on an error.</summary>
public sealed record WorkflowProblemReport(string Reference, DateTimeOffset At, string Error);

/// <summary>The activities that keep an application's workflow and its record in step.</summary>
public sealed partial class WorkflowActivities(ApplicationRepository applications, ILogger<WorkflowActivities> logger)
{
    /// <summary>Event name of the log line the "applications out of step" alert counts
    /// (infra/modules/alerts.bicep).</summary>
    public const string OutOfStepEvent = "WorkflowOutOfStep";

    /// <summary>
    /// Records on the application that its workflow stopped, with the error, and writes the line the alert counts.
    /// A record already gone (or never written) still gets the log line.
    /// </summary>
    [Function(nameof(RecordWorkflowProblem))]
    public async Task<bool> RecordWorkflowProblem(
        [ActivityTrigger] WorkflowProblemReport input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        LogOutOfStep(logger, input.Reference, input.Error);
        var result = await applications.UpdateAsync(
            input.Reference,
            record =>
                record.WorkflowProblem?.At == input.At
                    ? Result.Success(record)
                    : Result.Success(
                        (record with { WorkflowProblem = new WorkflowProblem(input.At, input.Error) }).With(
                            input.At,
                            $"Workflow stopped: {input.Error}",
                            "programme"
                        )
                    ),
            cancellationToken
        );
        return result.IsSuccess;
    }

    /// <summary>The facts a restarted workflow's notifications need, read from the record it continues from.</summary>
    [Function(nameof(ResumeApplication))]
    public async Task<ApplicationFacts> ResumeApplication(
        [ActivityTrigger] string reference,
        CancellationToken cancellationToken
    )
    {
        var record = await applications.GetAsync(reference, cancellationToken)
            ?? throw new InvalidOperationException($"No application has reference {reference}.");
        return record.ToFacts();
    }

    [LoggerMessage(
        EventId = 4001,
        EventName = OutOfStepEvent,
        Level = LogLevel.Error,
        Message = "Workflow out of step: the workflow of {Reference} stopped: {Error}"
    )]
    private static partial void LogOutOfStep(ILogger logger, string reference, string error);
}
