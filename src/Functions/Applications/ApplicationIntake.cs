using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>How a valid submission was answered.</summary>
public enum SubmissionOutcome
{
    /// <summary>A new application started.</summary>
    Started,

    /// <summary>The same <c>Idempotency-Key</c> came before: the application it started.</summary>
    Repeated,

    /// <summary>The consortium already has an application under review: that one.</summary>
    AlreadyUnderReview,
}

/// <summary>A valid submission's answer: the application it concerns, and how.</summary>
public sealed record Submitted(SubmittedApplication Application, SubmissionOutcome Outcome);

/// <summary>
/// Starting an application: the one use case behind <c>POST /api/applications</c> and the email intake. A consortium
/// has one application under review at a time, and a retried submission (same <c>Idempotency-Key</c>, or the same
/// consortium still under review) is answered with the first one, never a second application. The orchestration
/// holds the form from the moment it starts, so nothing submitted is lost if the process dies.
/// </summary>
public sealed class ApplicationIntake(
    ApplicationRepository applications,
    Submissions submissions,
    TimeProvider time,
    IOptions<ProgrammeOptions> programme
)
{
    /// <summary>Validates and starts an application; <paramref name="acknowledgeTo"/> overrides who is
    /// acknowledged.</summary>
    public async Task<Validated<Submitted>> SubmitAsync(
        ExpressionOfInterestForm form,
        string source,
        DurableTaskClient client,
        string? idempotencyKey,
        CancellationToken ct,
        string? acknowledgeTo = null
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        var validated = form.Validate();
        if (!validated.IsValid)
        {
            return Validated.Invalid<Submitted>(validated.Problems);
        }
        var sha = validated.Value.Sha;
        while (true)
        {
            if (
                idempotencyKey is not null
                && await submissions.ByIdempotencyKeyAsync(sha, idempotencyKey, ct) is { } repeat
            )
            {
                return await StartedAsync(client, repeat.Submission, sha, SubmissionOutcome.Repeated, ct);
            }
            var previous = await submissions.ByConsortiumAsync(sha, validated.Value.ConsortiumName, ct);
            if (previous is not null)
            {
                var record = await applications.GetAsync(previous.Submission.Reference, ct);
                // No record yet means its orchestration has not registered it: it is still being started.
                if (record is null || record.Status == ApplicationStatus.UnderReview)
                {
                    return await StartedAsync(
                        client,
                        previous.Submission,
                        sha,
                        SubmissionOutcome.AlreadyUnderReview,
                        ct
                    );
                }
            }
            var reference = await applications.AllocateReferenceAsync(sha, ct);
            var periods = programme.Value.Periods;
            var submission = new ApplicationSubmission(
                reference,
                time.GetUtcNow(),
                form,
                source,
                periods.ReviewPeriod,
                periods.ReminderOffsets,
                acknowledgeTo
            )
            {
                GoLiveNoticeLeadTime = programme.Value.GoLiveNoticeLeadTime,
            };
            if (await submissions.ClaimAsync(submission, sha, previous, idempotencyKey, ct))
            {
                return await StartedAsync(client, submission, sha, SubmissionOutcome.Started, ct);
            }
            // Another submission for this consortium or key won the claim: answer with theirs.
        }
    }

    /// <summary>
    /// Makes sure the submission's orchestration exists (scheduling it if a crash came between claim and start),
    /// then answers with it.
    /// </summary>
    private static async Task<Validated<Submitted>> StartedAsync(
        DurableTaskClient client,
        ApplicationSubmission submission,
        ShaCode sha,
        SubmissionOutcome outcome,
        CancellationToken ct
    )
    {
        // A claim just won names a new reference, whose orchestration cannot exist yet: no need to look.
        if (outcome == SubmissionOutcome.Started || await client.GetInstanceAsync(submission.Reference, ct) is null)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(ApplicationOrchestrator),
                    submission,
                    new StartOrchestrationOptions(submission.Reference),
                    ct
                );
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // A concurrent retry may have scheduled it first; anything else is a real failure.
                if (await client.GetInstanceAsync(submission.Reference, ct) is null)
                {
                    throw;
                }
            }
        }
        return Validated.Valid(new Submitted(SubmittedApplication.Of(submission, sha), outcome));
    }
}
