using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>Which batch of pending commands to apply: numbered by the orchestration, so a retry is
/// recognised.</summary>
public sealed record ApplyRequest(string Reference, int Batch);

/// <summary>The application orchestration's steps on the read model. Each is safe to run more than once.</summary>
public sealed class ApplicationActivities(ApplicationRepository applications)
{
    /// <summary>Stores a new application in the read model (idempotent) and returns what notifications need.</summary>
    [Function(nameof(RegisterApplication))]
    public async Task<ApplicationFacts> RegisterApplication(
        [ActivityTrigger] ApplicationSubmission input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var validated = input.Form.Validate();
        if (!validated.IsValid)
        {
            // Only valid forms start an orchestration; reaching here means the rules changed since.
            throw new InvalidOperationException(
                $"Application {input.Reference} no longer validates: "
                    + $"{string.Join("; ", validated.Problems.Select(p => p.Message))}"
            );
        }
        var eoi = validated.Value;
        var record = new ApplicationRecord
        {
            Reference = input.Reference,
            ShaCode = eoi.Sha.Code,
            ConsortiumName = eoi.ConsortiumName,
            Status = ApplicationStatus.UnderReview,
            ReceivedAt = input.ReceivedAt,
            ReviewDeadline = input.Window.Deadline,
            Source = input.Source,
            Form = input.Form,
            PracticeCodes = [.. eoi.Practices.Select(p => p.Code.Value)],
            RegisteredPopulation = eoi.RegisteredPopulation,
            SupportNeeds = [.. eoi.SupportNeeds],
            AreasOfWork = eoi.AreasOfWork,
            LeadGpName = eoi.LeadGp.Name,
            LeadGpEmail = eoi.LeadGp.Email,
            ResearchEvaluationOptIn = eoi.ResearchEvaluationOptIn,
        }.With(input.ReceivedAt, $"Expression of interest received by {input.Source}", eoi.LeadGp.Name);
        await applications.CreateAsync(record, cancellationToken);
        return record.ToFacts();
    }

    /// <summary>Applies the queued commands in order and says where the application now stands.</summary>
    [Function(nameof(ApplyPendingCommands))]
    public async Task<CommandsApplied> ApplyPendingCommands(
        [ActivityTrigger] ApplyRequest input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await applications.UpdateAsync(
            input.Reference,
            record =>
            {
                if (record.AppliedBatch == input.Batch || record.Pending.Count == 0)
                {
                    return Result.Success(record);
                }
                var after = record;
                var applied = new List<ApplicationCommand>();
                foreach (var command in record.Pending)
                {
                    var next = command.ApplyTo(after);
                    if (next.IsSuccess)
                    {
                        applied.Add(command);
                        after = next.Value;
                    }
                    else
                    {
                        // Accepted against the status it was expected to find; say plainly why it did not apply.
                        after = after.With(command.At, $"{command.Kind} not applied: {next.Error}", command.By);
                    }
                }
                return Result.Success(after with { Pending = [], AppliedBatch = input.Batch, LastApplied = applied });
            },
            cancellationToken
        );
        var now = result.IsSuccess ? result.Value : throw new InvalidOperationException(result.Error);
        return new CommandsApplied(now.Status, now.GoLive, now.AppliedBatch == input.Batch ? now.LastApplied : []);
    }

    /// <summary>Notes a reminder, or at the deadline marks the application overdue.</summary>
    [Function(nameof(RecordReviewCheckpoint))]
    public async Task<bool> RecordReviewCheckpoint(
        [ActivityTrigger] ReviewCheckpoint input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await applications.UpdateAsync(
            input.Reference,
            record =>
                record.Status != ApplicationStatus.UnderReview || record.Timeline.Any(t => t.At == input.At)
                    ? Result.Success(record)
                    : Result.Success(
                        (input.IsDeadline ? record with { Overdue = true } : record).With(
                            input.At,
                            input.IsDeadline
                                ? "Review deadline passed without a decision: escalated to the SHA and the national "
                                    + "team"
                                : "Reminder sent to the SHA's reviewers",
                            "programme"
                        )
                    ),
            cancellationToken
        );
        return result.IsSuccess;
    }

    /// <summary>Moves an approved application to announced in its wave and settles its go-live date.</summary>
    [Function(nameof(RecordAnnouncement))]
    public async Task<AnnouncementRecorded> RecordAnnouncement(
        [ActivityTrigger] AnnouncementChange input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var (wave, at) = input.Announcement;
        var result = await applications.UpdateAsync(
            input.Reference,
            record =>
            {
                if (record.Status == ApplicationStatus.Announced && record.Wave == wave)
                {
                    return Result.Success(record);
                }
                var moved = ApplicationLifecycle.Move(record.Status, ApplicationStatus.Announced);
                if (!moved.IsSuccess)
                {
                    return Result.Failure<ApplicationRecord>(moved.Error);
                }
                var goLive = GoLive.AgreedOrDefault(record.AgreedGoLive, at);
                return Result.Success(
                    (
                        record with
                        {
                            Status = ApplicationStatus.Announced,
                            Wave = wave,
                            AnnouncedAt = at,
                            GoLive = goLive,
                        }
                    ).With(at, $"Announced in wave {wave}; goes live on {UkTime.Describe(goLive)}", "national team")
                );
            },
            cancellationToken
        );
        return result.IsSuccess
            ? new AnnouncementRecorded(true, result.Value.GoLive!.Value)
            : new AnnouncementRecorded(false, default);
    }

    /// <summary>Marks the pathfinder live.</summary>
    [Function(nameof(RecordLive))]
    public async Task<bool> RecordLive([ActivityTrigger] GoingLive input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await applications.UpdateAsync(
            input.Reference,
            record =>
                record.Status == ApplicationStatus.Live
                    ? Result.Success(record)
                    : ApplicationLifecycle
                        .Move(record.Status, ApplicationStatus.Live)
                        .Map(status =>
                            (record with { Status = status, LiveAt = input.At, GoLive = input.GoLive }).With(
                                input.At,
                                "Live: the pathfinder takes on its commissioning responsibilities",
                                "programme"
                            )
                        ),
            cancellationToken
        );
        return result.IsSuccess;
    }
}

/// <summary>Maps the read model to what notification templates need.</summary>
public static class ApplicationFactsMapping
{
    public static ApplicationFacts ToFacts(this ApplicationRecord record) =>
        new(
            record.Reference,
            record.ConsortiumName,
            record.ShaCode,
            ShaCode.From(record.ShaCode).Value!.Name,
            record.LeadGpName,
            record.LeadGpEmail,
            record.PracticeCodes.Count,
            record.RegisteredPopulation,
            record.ReceivedAt,
            record.ReviewDeadline,
            record.ResearchEvaluationOptIn
        );
}
