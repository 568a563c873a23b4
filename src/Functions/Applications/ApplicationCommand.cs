using System.Text.Json.Serialization;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// A reviewer's command, accepted by the API into the application's queue (<see cref="ApplicationRecord.Pending"/>)
/// and applied, in order, by the orchestration. One record per thing that happens; <see cref="Id"/> makes applying it
/// idempotent. Stored and carried in the shape it always had (<see cref="ApplicationCommandJson"/>), so queued
/// commands, recorded histories and the activities' results in flight read as before.
/// </summary>
[JsonConverter(typeof(ApplicationCommandJson))]
public abstract record ApplicationCommand(string Id, string By, DateTimeOffset At)
{
    /// <summary>What the command is called in the API's receipt and in storage.</summary>
    public abstract ApplicationCommandKind Kind { get; }

    /// <summary>The status the command moves the application to; null when it does not change the status.</summary>
    public virtual ApplicationStatus? TargetStatus => null;

    /// <summary>The command in a sentence's words ("a decision accepted on ... has not been applied").</summary>
    public abstract string Describe { get; }

    /// <summary>The record with this command applied and its timeline line, or why it no longer applies.</summary>
    public abstract Result<ApplicationRecord> ApplyTo(ApplicationRecord record);
}

/// <summary>A reviewer approved or rejected the application.</summary>
public sealed record DecisionRecorded(string Id, string By, DateTimeOffset At, DecisionRecord Decision)
    : ApplicationCommand(Id, By, At)
{
    public override ApplicationCommandKind Kind => ApplicationCommandKind.Decision;

    public override ApplicationStatus? TargetStatus =>
        Decision.Outcome == ReviewOutcome.Approved ? ApplicationStatus.Approved : ApplicationStatus.Rejected;

    public override string Describe => "decision";

    public override Result<ApplicationRecord> ApplyTo(ApplicationRecord record) =>
        ApplicationLifecycle
            .Move(record.Status, TargetStatus!.Value)
            .Map(status =>
                (record with { Status = status, Decision = Decision, Overdue = false }).With(
                    At,
                    (status == ApplicationStatus.Approved ? "Approved" : "Rejected")
                        + (Decision.Comments is { } c ? $": {c}" : ""),
                    By
                )
            );
}

/// <summary>A reviewer withdrew the application, with or without a reason.</summary>
public sealed record WithdrawalRequested(string Id, string By, DateTimeOffset At, string? Reason)
    : ApplicationCommand(Id, By, At)
{
    public override ApplicationCommandKind Kind => ApplicationCommandKind.Withdrawal;

    public override ApplicationStatus? TargetStatus => ApplicationStatus.Withdrawn;

    public override string Describe => "withdrawal";

    public override Result<ApplicationRecord> ApplyTo(ApplicationRecord record) =>
        ApplicationLifecycle
            .Move(record.Status, ApplicationStatus.Withdrawn)
            .Map(status =>
                (record with { Status = status, WithdrawalReason = Reason }).With(
                    At,
                    "Withdrawn" + (Reason is { } reason ? $": {reason}" : ""),
                    By
                )
            );
}

/// <summary>A reviewer agreed the go-live date with the pathfinder.</summary>
public sealed record GoLiveAgreed(string Id, string By, DateTimeOffset At, DateOnly GoLive)
    : ApplicationCommand(Id, By, At)
{
    public override ApplicationCommandKind Kind => ApplicationCommandKind.GoLiveAgreed;

    public override string Describe => "go-live date";

    public override Result<ApplicationRecord> ApplyTo(ApplicationRecord record) =>
        ApplicationLifecycle.MayAgreeGoLive(record.Status)
            ? Result.Success(
                (
                    record with
                    {
                        AgreedGoLive = GoLive,
                        GoLive = record.Status == ApplicationStatus.Announced ? GoLive : record.GoLive,
                    }
                ).With(At, $"Go-live agreed for {UkTime.Describe(GoLive)}", By)
            )
            : Result.Failure<ApplicationRecord>(ApplicationLifecycle.GoLiveRefusal(record.Status));
}

/// <summary>The name of each command in the API's receipt and in its stored shape.</summary>
public enum ApplicationCommandKind
{
    Decision,
    Withdrawal,
    GoLiveAgreed,
}
