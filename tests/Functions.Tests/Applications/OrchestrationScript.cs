using Microsoft.DurableTask;
using Moq;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>
/// Drives <see cref="ApplicationOrchestrator"/> on a mocked <see cref="TaskOrchestrationContext"/>: the test says what
/// arrives when (a reviewer's command, a wave's announcement), and each time the orchestration waits, the script moves
/// the clock to whichever comes first, that arrival or the orchestration's own timer. Four weeks pass in a line.
/// Activities answer as the read model would, from a status the script keeps.
/// </summary>
internal sealed class OrchestrationScript
{
    public static readonly DateTimeOffset Received = new(2010, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<TaskOrchestrationContext> _context = new(MockBehavior.Strict);
    private readonly List<(DateTimeOffset At, object What)> _arrivals = [];
    private readonly List<ApplicationCommand> _pending = [];
    private TaskCompletionSource<string>? _commandWait;
    private TaskCompletionSource<WaveAnnouncement>? _announcementWait;
    private (TaskCompletionSource Source, DateTimeOffset At)? _timer;

    /// <param name="version">The instance's orchestration version: empty for one started before versioning.</param>
    public OrchestrationScript(string version = "")
    {
        Submission = new ApplicationSubmission(
            "Q35-0001",
            Received,
            new ExpressionOfInterestForm(),
            "api",
            TimeSpan.FromDays(28),
            [TimeSpan.FromDays(14), TimeSpan.FromDays(21)]
        );
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Now.UtcDateTime);
        _context.SetupGet(c => c.Version).Returns(version);
        _context
            .Setup(c => c.SetCustomStatus(It.IsAny<object?>()))
            .Callback<object?>(s => Progress = (ApplicationProgress)s!);
        Activity<ApplicationFacts>(nameof(ApplicationActivities.RegisterApplication), _ => Facts);
        Activity<ApplicationFacts>(nameof(WorkflowActivities.ResumeApplication), _ => Facts);
        Activity<bool>(nameof(WorkflowActivities.RecordWorkflowProblem), input =>
        {
            Problems.Add((WorkflowProblemReport)input!);
            return true;
        });
        Activity<int>(nameof(NotificationActivities.SendNotification), input =>
        {
            Notifications.Add((ApplicationNotification)input!);
            SentAt.Add(Now);
            return 1;
        });
        Activity<CommandsApplied>(nameof(ApplicationActivities.ApplyPendingCommands), _ => Apply());
        Activity<bool>(nameof(ApplicationActivities.RecordReviewCheckpoint), input =>
        {
            Checkpoints.Add((ReviewCheckpoint)input!);
            return true;
        });
        Activity<AnnouncementRecorded>(nameof(ApplicationActivities.RecordAnnouncement), input =>
        {
            var applies = Status == ApplicationStatus.Approved;
            if (applies)
            {
                Status = ApplicationStatus.Announced;
                GoLiveDate = AgreedGoLive ?? GoLive.DefaultDate(((AnnouncementChange)input!).Announcement.At);
            }
            return new AnnouncementRecorded(applies, GoLiveDate ?? default);
        });
        Activity<bool>(nameof(ApplicationActivities.RecordLive), input =>
        {
            WentLive = (GoingLive)input!;
            Status = ApplicationStatus.Live;
            return true;
        });
        _context
            .Setup(c =>
                c.WaitForExternalEvent<string>(ApplicationEvents.CommandAccepted, It.IsAny<CancellationToken>())
            )
            .Returns<string, CancellationToken>((_, token) => Wait(ref _commandWait, token));
        _context
            .Setup(c =>
                c.WaitForExternalEvent<WaveAnnouncement>(ApplicationEvents.WaveAnnounced, It.IsAny<CancellationToken>())
            )
            .Returns<string, CancellationToken>((_, token) => Wait(ref _announcementWait, token));
        _context
            .Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>(
                (fireAt, token) =>
                {
                    var timer = new TaskCompletionSource();
                    token.Register(() =>
                    {
                        // A cancelled timer is gone: the orchestration no longer waits for it.
                        timer.TrySetCanceled();
                        if (_timer?.Source == timer)
                        {
                            _timer = null;
                        }
                    });
                    _timer = (timer, new DateTimeOffset(fireAt, TimeSpan.Zero));
                    return timer.Task;
                }
            );
    }

    public ApplicationSubmission Submission { get; private set; }

    /// <summary>The problems the orchestration recorded before failing.</summary>
    public List<WorkflowProblemReport> Problems { get; } = [];

    /// <summary>
    /// A restart from the record: the new instance's input carries <paramref name="resume"/>, and the record it reads
    /// stands at <paramref name="status"/> (with <paramref name="batches"/> batches applied).
    /// </summary>
    public OrchestrationScript Resumes(WorkflowResume resume, ApplicationStatus status = ApplicationStatus.UnderReview)
    {
        Submission = Submission with { Resume = resume };
        Status = status;
        return this;
    }

    /// <summary>Every call of the activity fails, as when it has used up its retries.</summary>
    public OrchestrationScript Fails(string activity, string error)
    {
        _context
            .Setup(c =>
                c.CallActivityAsync<CommandsApplied>(
                    It.Is<TaskName>(n => n.Name == activity),
                    It.IsAny<object?>(),
                    It.IsAny<TaskOptions?>()
                )
            )
            .Returns<TaskName, object?, TaskOptions?>(
                (_, _, _) =>
                    Task.FromException<CommandsApplied>(
                        new TaskFailedException(
                            activity,
                            7,
                            new TaskFailureDetails("InvalidOperationException", error, null, null, null)
                        )
                    )
            );
        return this;
    }

    public ApplicationFacts Facts { get; } =
        new(
            "Q35-0001",
            "Fenland Health Consortium",
            "Q35",
            "East of England",
            "Dr Jane Lead",
            "jane.lead@fenland.example.nhs.uk",
            3,
            25_500,
            Received,
            Received.AddDays(28),
            true
        );

    public DateTimeOffset Now { get; private set; } = Received;

    public ApplicationStatus Status { get; private set; } = ApplicationStatus.UnderReview;

    public DateOnly? GoLiveDate { get; private set; }

    public DateOnly? AgreedGoLive { get; private set; }

    public GoingLive? WentLive { get; private set; }

    public ApplicationProgress? Progress { get; private set; }

    public List<ApplicationNotification> Notifications { get; } = [];

    public List<ReviewCheckpoint> Checkpoints { get; } = [];

    /// <summary>When each of <see cref="Notifications"/> was sent, by the orchestration's clock.</summary>
    public List<DateTimeOffset> SentAt { get; } = [];

    public IEnumerable<NotificationKind> Sent => Notifications.Select(n => n.Kind);

    /// <summary>A decision accepted <paramref name="days"/> after receipt.</summary>
    public OrchestrationScript Decides(double days, ReviewOutcome outcome, string? notMet = null) =>
        Arrives(
            days,
            new DecisionRecorded(
                NewId(),
                Reviewer,
                Received.AddDays(days),
                new DecisionRecord(
                    "d1",
                    outcome,
                    new CriteriaAssessment(new(true, "ok"), new(notMet is null, notMet ?? "ok"), new(true, "ok")),
                    "comments",
                    Reviewer,
                    Received.AddDays(days)
                )
            )
        );

    public OrchestrationScript Withdraws(double days, string reason = "merging") =>
        Arrives(days, new WithdrawalRequested(NewId(), Reviewer, Received.AddDays(days), reason));

    public OrchestrationScript AgreesGoLive(double days, DateOnly date) =>
        Arrives(days, new GoLiveAgreed(NewId(), Reviewer, Received.AddDays(days), date));

    public OrchestrationScript Announces(double days, int wave = 1) =>
        Arrives(days, new WaveAnnouncement(wave, Received.AddDays(days)));

    /// <summary>A command the API accepted before the orchestration first looked: it is already in the queue.</summary>
    public OrchestrationScript AcceptedBeforeStart(ReviewOutcome outcome)
    {
        Decides(0, outcome);
        _pending.Add((ApplicationCommand)_arrivals[^1].What);
        _arrivals.RemoveAt(_arrivals.Count - 1);
        return this;
    }

    /// <summary>
    /// Runs the orchestration until it ends or waits for something the script does not bring; returns its result,
    /// or null while it is still waiting.
    /// </summary>
    public string? Run()
    {
        var run = ApplicationOrchestrator.RunAsync(_context.Object, Submission);
        while (!run.IsCompleted && Next()) { }
        return run.IsCompleted ? run.GetAwaiter().GetResult() : null;
    }

    /// <summary>Delivers whatever comes first; false when nothing will (the orchestration waits on).</summary>
    private bool Next()
    {
        var arrival = _arrivals.OrderBy(a => a.At).Cast<(DateTimeOffset At, object What)?>().FirstOrDefault();
        if (arrival is { } a && (_timer is null || a.At < _timer.Value.At))
        {
            _arrivals.Remove(a);
            Now = a.At;
            if (a.What is ApplicationCommand command)
            {
                _pending.Add(command);
                _commandWait!.SetResult(command.Id);
            }
            else
            {
                _announcementWait!.SetResult((WaveAnnouncement)a.What);
            }
            return true;
        }
        if (_timer is { } timer)
        {
            _timer = null;
            Now = timer.At;
            timer.Source.SetResult();
            return true;
        }
        return false;
    }

    private CommandsApplied Apply()
    {
        var applied = new List<ApplicationCommand>();
        foreach (var command in _pending)
        {
            var to = command.TargetStatus;
            if (to is { } status && ApplicationLifecycle.CanMove(Status, status))
            {
                Status = status;
                applied.Add(command);
            }
            else if (command is GoLiveAgreed agreed)
            {
                AgreedGoLive = agreed.GoLive;
                GoLiveDate = Status == ApplicationStatus.Announced ? agreed.GoLive : GoLiveDate;
                applied.Add(command);
            }
        }
        _pending.Clear();
        return new CommandsApplied(Status, GoLiveDate, applied);
    }

    private OrchestrationScript Arrives(double days, object what)
    {
        _arrivals.Add((Received.AddDays(days), what));
        return this;
    }

    private const string Reviewer = "Dr Ann Reviewer";

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Task<T> Wait<T>(ref TaskCompletionSource<T>? slot, CancellationToken token)
    {
        var wait = new TaskCompletionSource<T>();
        token.Register(() => wait.TrySetCanceled());
        slot = wait;
        return wait.Task;
    }

    private void Activity<T>(string name, Func<object?, T> answer) =>
        _context
            .Setup(c =>
                c.CallActivityAsync<T>(
                    It.Is<TaskName>(n => n.Name == name),
                    It.IsAny<object?>(),
                    It.IsAny<TaskOptions?>()
                )
            )
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) => Task.FromResult(answer(input)));
}
