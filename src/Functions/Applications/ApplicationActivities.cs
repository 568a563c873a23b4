using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>Stores a new application in the read model (idempotent) and returns what notifications need.</summary>
public sealed class RegisterApplication(ApplicationRepository applications) : TaskActivity<ApplicationSubmission, ApplicationFacts>
{
    public override async Task<ApplicationFacts> RunAsync(TaskActivityContext context, ApplicationSubmission input)
    {
        var validated = input.Form.Validate();
        if (!validated.IsValid)
        {
            // Only valid forms start an orchestration; reaching here means the rules changed since.
            throw new InvalidOperationException(
                $"Application {input.Reference} no longer validates: {string.Join("; ", validated.Problems.Select(p => p.Message))}");
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
        await applications.CreateAsync(record, context.CancellationToken);
        return record.ToFacts();
    }
}

/// <summary>Records a decision or a withdrawal if the application's status still allows it.</summary>
public sealed class RecordCommand(ApplicationRepository applications) : TaskActivity<ApplicationChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ApplicationChange input)
    {
        var command = input.Command;
        var result = await applications.UpdateAsync(input.Reference, record => command.Kind switch
        {
            ApplicationCommandKind.Decision when record.Decision?.Id == command.Decision!.Id => Result.Success(record),
            ApplicationCommandKind.Decision => Move(record, command.Decision.Outcome == ReviewOutcome.Approved
                ? ApplicationStatus.Approved : ApplicationStatus.Rejected).Map(r => (r with
                {
                    Decision = command.Decision,
                    Overdue = false,
                }).With(command.At, $"{(command.Decision.Outcome == ReviewOutcome.Approved ? "Approved" : "Rejected")}" +
                                   (command.Decision.Comments is { } c ? $": {c}" : ""), command.By)),
            ApplicationCommandKind.Withdrawal when record.Status == ApplicationStatus.Withdrawn => Result.Success(record),
            ApplicationCommandKind.Withdrawal => Move(record, ApplicationStatus.Withdrawn).Map(r => (r with
            {
                WithdrawalReason = command.Reason,
            }).With(command.At, "Withdrawn" + (command.Reason is { } reason ? $": {reason}" : ""), command.By)),
            _ => Result.Failure<ApplicationRecord>($"{command.Kind} is not recorded here."),
        }, context.CancellationToken);
        return result.IsSuccess && (command.Kind != ApplicationCommandKind.Decision ||
                                    result.Value.Decision?.Id == command.Decision!.Id);
    }

    private static Result<ApplicationRecord> Move(ApplicationRecord record, ApplicationStatus to) =>
        ApplicationLifecycle.Move(record.Status, to).Map(status => record with { Status = status });
}

/// <summary>Notes a reminder, or at the deadline marks the application overdue.</summary>
public sealed class RecordReviewCheckpoint(ApplicationRepository applications) : TaskActivity<ReviewCheckpoint, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewCheckpoint input)
    {
        var result = await applications.UpdateAsync(input.Reference, record =>
            record.Status != ApplicationStatus.UnderReview || record.Timeline.Any(t => t.At == input.At)
                ? Result.Success(record)
                : Result.Success((input.IsDeadline ? record with { Overdue = true } : record).With(input.At,
                    input.IsDeadline
                        ? "Four-week deadline passed without a decision: escalated to the SHA and the national team"
                        : "Reminder sent to the SHA's reviewers", "programme")),
            context.CancellationToken);
        return result.IsSuccess;
    }
}

/// <summary>Moves an approved application to announced in its wave and settles its go-live date.</summary>
public sealed class RecordAnnouncement(ApplicationRepository applications) : TaskActivity<ApplicationChange, AnnouncementRecorded>
{
    public override async Task<AnnouncementRecorded> RunAsync(TaskActivityContext context, ApplicationChange input)
    {
        var command = input.Command;
        var result = await applications.UpdateAsync(input.Reference, record =>
        {
            if (record.Status == ApplicationStatus.Announced && record.Wave == command.Wave)
            {
                return Result.Success(record);
            }
            var moved = ApplicationLifecycle.Move(record.Status, ApplicationStatus.Announced);
            if (!moved.IsSuccess)
            {
                return Result.Failure<ApplicationRecord>(moved.Error);
            }
            // An agreed date earlier than the announcement cannot stand: the default applies instead.
            var chosen = GoLive.Choose(record.AgreedGoLive, command.At);
            var goLive = chosen.IsSuccess ? chosen.Value : GoLive.DefaultDate(command.At);
            return Result.Success((record with
            {
                Status = ApplicationStatus.Announced, Wave = command.Wave, AnnouncedAt = command.At, GoLive = goLive,
            }).With(command.At, $"Announced in wave {command.Wave}; goes live on {UkTime.Describe(goLive)}", command.By));
        }, context.CancellationToken);
        return result.IsSuccess ? new AnnouncementRecorded(true, result.Value.GoLive!.Value) : new AnnouncementRecorded(false, default);
    }
}

/// <summary>Marks the pathfinder live.</summary>
public sealed class RecordLive(ApplicationRepository applications) : TaskActivity<ApplicationChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ApplicationChange input)
    {
        var at = input.Command.At;
        var result = await applications.UpdateAsync(input.Reference, record =>
            record.Status == ApplicationStatus.Live
                ? Result.Success(record)
                : ApplicationLifecycle.Move(record.Status, ApplicationStatus.Live).Map(status => (record with
                {
                    Status = status, LiveAt = at, GoLive = input.Command.GoLive ?? record.GoLive,
                }).With(at, "Live: the pathfinder takes on its commissioning responsibilities", "programme")),
            context.CancellationToken);
        return result.IsSuccess;
    }
}

/// <summary>Maps the read model to what notification templates need.</summary>
public static class ApplicationFactsMapping
{
    public static ApplicationFacts ToFacts(this ApplicationRecord record) =>
        new(record.Reference, record.ConsortiumName, record.ShaCode, ShaCode.From(record.ShaCode).Value!.Name,
            record.LeadGpName, record.LeadGpEmail, record.PracticeCodes.Count, record.RegisteredPopulation,
            record.ReceivedAt, record.ReviewDeadline, record.ResearchEvaluationOptIn);
}
