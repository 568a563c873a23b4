using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Pages.Shared;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Pages.Status;

/// <summary>
/// The applicant's status page, opened with the signed link from their acknowledgement email; no sign-in. The link
/// is checked before anything is read, so a refused link says nothing about whether the application exists:
/// <list type="bullet">
/// <item>403 Forbidden for a link we did not send (incomplete, a tampered signature, another application's reference
/// with this signature);</item>
/// <item>410 Gone for a link we did send that has expired: it will never work again, which is what 410 says, and the
/// page tells the applicant to ask their SHA rather than to retry it.</item>
/// </list>
/// Neither answer carries application data. What a valid link shows is decided in <see cref="StatusPageModel"/>.
/// </summary>
public sealed class StatusPageFunctions(
    ApplicationRepository applications,
    WaveRepository waves,
    StatusLinks links,
    PageRenderer pages,
    TimeProvider time
)
{
    [Function(nameof(ApplicantStatusPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ApplicantStatusPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{id}")] HttpRequest request,
        string id
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.HttpContext;
        if (
            links.Verify(id, request.Query["expires"].FirstOrDefault(), request.Query["signature"].FirstOrDefault()) is
            { } refused
        )
        {
            var status = refused.Expired ? StatusCodes.Status410Gone : StatusCodes.Status403Forbidden;
            return await pages.ProblemAsync(
                http,
                null,
                refused.Expired ? "This link has expired" : "This link does not work",
                refused.Why,
                status
            );
        }
        var record = await applications.GetAsync(id, http.RequestAborted);
        if (record is null)
        {
            // Only a link we signed reaches here: the application was signed for but is gone.
            return await pages.ProblemAsync(
                http,
                null,
                "Page not found",
                "We cannot find this expression of interest. Email your SHA, quoting your reference, to ask about it.",
                StatusCodes.Status404NotFound
            );
        }
        var open = (await waves.ListAsync(http.RequestAborted)).Where(w => !w.IsAnnounced).Select(w => w.ToWave());
        // Public page: the header shows no one signed in, whoever opens it (the link, not a sign-in, admits them).
        return await pages.RenderAsync<StatusPage>(http, null, StatusPageModel.Of(record, open, time.GetUtcNow()));
    }
}
