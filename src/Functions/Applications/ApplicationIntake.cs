using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// Starting an application: the one use case behind <c>POST /api/applications</c> and the email intake.
/// The orchestration holds the form from the moment it starts, so nothing submitted is lost even if the
/// process dies before the read model is written.
/// </summary>
public sealed class ApplicationIntake(
    ApplicationRepository applications,
    DurableTaskClient client,
    TimeProvider time,
    IOptions<ProgrammeOptions> programme)
{
    /// <summary>Validates and starts an application; <paramref name="acknowledgeTo"/> overrides who is acknowledged.</summary>
    public async Task<Validated<SubmittedApplication>> SubmitAsync(ExpressionOfInterestForm form, string source,
        CancellationToken cancellationToken, string? acknowledgeTo = null)
    {
        var validated = form.Validate();
        if (!validated.IsValid)
        {
            return Validated.Invalid<SubmittedApplication>(validated.Problems);
        }
        var sha = validated.Value.Sha;
        var reference = await applications.AllocateReferenceAsync(sha, cancellationToken);
        var periods = programme.Value.Periods;
        var submission = new ApplicationSubmission(reference, time.GetUtcNow(), form, source, periods.ReviewPeriod,
            periods.ReminderOffsets, acknowledgeTo);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApplicationOrchestrator), submission,
            new StartOrchestrationOptions(reference), cancellationToken);
        return Validated.Valid(new SubmittedApplication(reference, ApplicationStatus.UnderReview, new ShaView(sha.Code, sha.Name),
            submission.ReceivedAt, submission.Window.Deadline));
    }

    /// <summary>The application of this consortium (same SHA and name) still under review, if any.</summary>
    public async Task<ApplicationRecord?> FindUnderReviewAsync(string shaCode, string consortiumName,
        CancellationToken cancellationToken) =>
        (await applications.ListAsync(shaCode, ApplicationStatus.UnderReview, cancellationToken))
        .FirstOrDefault(a => string.Equals(a.ConsortiumName.Trim(), consortiumName.Trim(), StringComparison.OrdinalIgnoreCase));
}
