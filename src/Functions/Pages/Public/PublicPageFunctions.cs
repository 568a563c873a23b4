using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Reports;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Pages.Public;

/// <summary>
/// The pages anyone may open, signed in or not: how to apply (the site's home page) and the pathfinder directory.
/// Someone signed in sees their name in the header, nothing more.
/// </summary>
public sealed class PublicPageFunctions(
    ApplicationRepository applications,
    WaveRepository waves,
    IOptions<EmailIntakeOptions> intake,
    IOptions<ProgrammeOptions> programme,
    PagePrincipal principals,
    PageRenderer pages
)
{
    /// <summary>
    /// The site's root. <c>{ignored:maxlength(0)?}</c> is how a Functions HTTP trigger matches "/" (an empty route is
    /// taken for the function's name); the Bicep sets <c>AzureWebJobsDisableHomepage</c> so the host's own page does
    /// not answer first. The local host's ASP.NET Core routing reads the same template.
    /// </summary>
    [Function(nameof(HomePage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> HomePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var addresses = intake.Value.ShaAddresses;
        var inboxes = ShaCode
            .All.Select(s => new ShaInbox(s.Code, s.Name, addresses.TryGetValue(s.Code, out var a) ? a : ""))
            .Where(i => i.Address.Length > 0)
            .ToList();
        var next = (await waves.ListAsync(ct))
            .Where(w => !w.IsAnnounced)
            .OrderBy(w => w.AnnounceAt)
            .Select(w => w.ToWave())
            .FirstOrDefault();
        return await pages.RenderAsync<HowToApply>(
            request.HttpContext,
            Viewer(request),
            new HomeModel(inboxes, next, ReviewPeriodWords.Describe(programme.Value.ReviewPeriod))
        );
    }

    [Function(nameof(PathfindersPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> PathfindersPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pathfinders")] HttpRequest request
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        var pathfinders = await applications.PathfindersAsync(request.HttpContext.RequestAborted);
        return await pages.RenderAsync<PathfinderList>(
            request.HttpContext,
            Viewer(request),
            new PathfindersModel(pathfinders)
        );
    }

    /// <summary>Whoever is signed in, if anyone, for the header; these pages ask no one to sign in.</summary>
    private Staff? Viewer(HttpRequest request)
    {
        if (principals.Read(request) is not { } user)
        {
            return null;
        }
        request.HttpContext.User = user;
        return Staff.From(user);
    }
}
