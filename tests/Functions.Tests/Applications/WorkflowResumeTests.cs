using Microsoft.DurableTask;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>
/// What the national team's mending relies on in the orchestration: a failure is recorded on the application before
/// the instance fails, and a workflow restarted from the record continues where the record stands.
/// </summary>
public sealed class WorkflowResumeTests
{
    [Fact]
    public void AnActivityThatFailsAfterItsRetries_IsRecordedOnTheApplication_ThenTheInstanceFails()
    {
        var script = new OrchestrationScript().Fails(
            nameof(ApplicationActivities.ApplyPendingCommands),
            "The record could not be read"
        );

        var failure = Assert.Throws<TaskFailedException>(() => script.Run());

        Assert.Equal(nameof(ApplicationActivities.ApplyPendingCommands), failure.TaskName);
        var problem = Assert.Single(script.Problems);
        Assert.Equal("Q35-0001", problem.Reference);
        Assert.Equal(OrchestrationScript.Received, problem.At);
        Assert.Equal("ApplyPendingCommands failed: The record could not be read", problem.Error);
    }

    [Fact]
    public void RestartedUnderReview_SendsNothingAlreadyQueued_KeepsTheDeadline_AndSendsOnlyTheRemindersLeft()
    {
        // The first instance sent the acknowledgement, the new-application notice and the first reminder (day 14).
        var deadline = OrchestrationScript.Received.AddDays(28);
        var script = new OrchestrationScript().Resumes(
            new WorkflowResume(
                1,
                3,
                [
                    new ReviewCheckpoint("Q35-0001", OrchestrationScript.Received.AddDays(21), false),
                    new ReviewCheckpoint("Q35-0001", deadline, true),
                ],
                [NotificationKind.Acknowledgement, NotificationKind.NewApplication],
                null
            )
        );

        Assert.Null(script.Run());

        Assert.Equal([NotificationKind.ReviewReminder, NotificationKind.Escalation], script.Sent);
        Assert.Equal([OrchestrationScript.Received.AddDays(21), deadline], script.Checkpoints.Select(c => c.At));
        // Steps clear of the first instance's, which the outbox keeps.
        Assert.Equal([1001, 1002], script.Notifications.Select(n => n.Step));
        Assert.Equal(
            new ApplicationProgress(
                "underReview",
                null,
                "decision overdue: the SHA and the national team have been told"
            ),
            script.Progress
        );
    }

    [Fact]
    public void RestartedWhenApproved_WaitsForItsWave_ThenIsAnnouncedAndGoesLive()
    {
        var script = new OrchestrationScript()
            .Resumes(
                new WorkflowResume(2, 5, [], [NotificationKind.Acknowledgement, NotificationKind.NewApplication], null),
                ApplicationStatus.Approved
            )
            .Announces(40, wave: 2);

        Assert.Equal("live", script.Run());

        Assert.Equal([NotificationKind.Announced, NotificationKind.Live], script.Sent);
        Assert.Equal([2001, 2002], script.Notifications.Select(n => n.Step));
        Assert.Equal(OrchestrationScript.Received.AddDays(40), script.SentAt[0]);
    }

    [Fact]
    public void RestartedBeforeItsFirstEmails_SendsThem()
    {
        var script = new OrchestrationScript().Resumes(
            new WorkflowResume(
                1,
                0,
                [new ReviewCheckpoint("Q35-0001", OrchestrationScript.Received.AddDays(28), true)],
                [],
                null
            )
        );

        script.Run();

        Assert.Equal(
            [NotificationKind.Acknowledgement, NotificationKind.NewApplication, NotificationKind.Escalation],
            script.Sent
        );
    }
}
