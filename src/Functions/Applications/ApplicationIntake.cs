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
    public async Task<Validated<SubmittedApplication>> SubmitAsync(ExpressionOfInterestForm form, string source,
        CancellationToken cancellationToken)
    {
        var validated = form.Validate();
        if (!validated.IsValid)
        {
            return Validated.Invalid<SubmittedApplication>(validated.Problems);
        }
        var sha = validated.Value.Sha;
        var reference = await applications.AllocateReferenceAsync(sha, cancellationToken);
        var periods = programme.Value;
        var submission = new ApplicationSubmission(reference, time.GetUtcNow(), form, source, periods.ReviewPeriod,
            periods.ReminderOffsets);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApplicationOrchestrator), submission,
            new StartOrchestrationOptions(reference), cancellationToken);
        return Validated.Valid(new SubmittedApplication(reference, ApplicationStatus.UnderReview, new ShaView(sha.Code, sha.Name),
            submission.ReceivedAt, submission.Window.Deadline));
    }
}
