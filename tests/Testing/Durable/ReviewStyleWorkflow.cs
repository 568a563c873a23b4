using Pathfinder.Durable;

namespace Pathfinder.Testing.Durable;

/// <summary>
/// The shape of a pathfinder review, stripped of the programme: acknowledge, then a 28-day deadline
/// racing the reviewer's decision, then record the outcome. Used by the runtime's tests and benchmark.
/// </summary>
public sealed class ReviewStyleOrchestrator : TaskOrchestrator<string, string>
{
    public const string DecisionEvent = "decision";
    public const string TimedOut = "timed out";
    public static readonly TimeSpan ReviewPeriod = TimeSpan.FromDays(28);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(RecordEffect), $"acknowledged {input}");
        using var cancel = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<string>(DecisionEvent, cancel.Token);
        var deadline = context.CreateTimer(context.CurrentUtcDateTime + ReviewPeriod, cancel.Token);
        var winner = await Task.WhenAny(decision, deadline);
        // Cancel the loser: an abandoned timer must not keep the instance waiting. Cancel(), not
        // CancelAsync(): cancellation must run inside the orchestrator's turn to replay identically.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
        var outcome = winner == decision ? await decision : TimedOut;
        await context.CallActivityAsync<string>(nameof(RecordEffect), outcome);
        return outcome;
    }

    /// <summary>Registers this workflow's orchestrator and activity.</summary>
    public static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestrator<ReviewStyleOrchestrator>().AddActivity<RecordEffect>();
}

/// <summary>An activity whose only job is to leave a visible effect.</summary>
public sealed class RecordEffect(EffectLog effects) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        effects.Record(context.InstanceId, input);
        return Task.FromResult(input);
    }
}
