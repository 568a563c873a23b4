using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// The national team's waves: the list with the schedule form, and "announce now" through a confirmation page. Both
/// forms go through <see cref="WaveCommands"/>, as the API does; after a post the browser is sent back to the list.
/// </summary>
public sealed class WavePageFunctions(
    WaveRepository waves,
    WaveCommands commands,
    PartnerDirectory partners,
    PageAccess access
)
{
    [Function(nameof(WavesPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> WavesPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/waves")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var done = request.Query["done"].FirstOrDefault();
        return await ListAsync(
            request,
            staff,
            WaveFormValues.Empty,
            [],
            done is "scheduled" or "announced" ? done : null,
            StatusCodes.Status200OK
        );
    }

    [Function(nameof(ScheduleWaveOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ScheduleWaveOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/waves")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var values = WaveFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        if (values.ToInstants(out var problems) is not { } instants)
        {
            return await ListAsync(request, staff, values, problems, null, StatusCodes.Status400BadRequest);
        }
        return await commands.ScheduleAsync(
            instants.AnnounceAt,
            instants.Cutoff,
            client,
            request.HttpContext.RequestAborted
        ) switch
        {
            WaveOutcome.Done => TypedResults.Redirect("/national/waves?done=scheduled"),
            WaveOutcome.Invalid invalid => await ListAsync(
                request,
                staff,
                values,
                invalid.Problems,
                null,
                StatusCodes.Status400BadRequest
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(AnnounceWavePage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> AnnounceWavePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/waves/{number:int}/announce")]
            HttpRequest request,
        int number
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await ConfirmAsync(request, staff, number, [], StatusCodes.Status200OK);
    }

    [Function(nameof(AnnounceWaveOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> AnnounceWaveOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/waves/{number:int}/announce")]
            HttpRequest request,
        int number,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await commands.AnnounceNowAsync(number, client, request.HttpContext.RequestAborted) switch
        {
            WaveOutcome.Done => TypedResults.Redirect("/national/waves?done=announced"),
            WaveOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            WaveOutcome.Refused refused => await ConfirmAsync(
                request,
                staff,
                number,
                [new ValidationProblem("announce", $"{refused.Title}: {refused.Detail}")],
                StatusCodes.Status409Conflict
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> ListAsync(
        HttpRequest request,
        Staff staff,
        WaveFormValues values,
        IReadOnlyList<ValidationProblem> problems,
        string? done,
        int status
    )
    {
        var list = await waves.ListAsync(request.HttpContext.RequestAborted);
        var missing = PartnerRules.Missing(
            (await partners.ListAsync(request.HttpContext.RequestAborted)).Select(p => p.Details)
        );
        return await access.Pages.RenderAsync<WaveList>(
            request.HttpContext,
            staff,
            new WaveListModel([.. list.Select(WaveView.Of)], values, problems, done) { MissingPartners = missing },
            status
        );
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> ConfirmAsync(
        HttpRequest request,
        Staff staff,
        int number,
        IReadOnlyList<ValidationProblem> problems,
        int status
    )
    {
        var ct = request.HttpContext.RequestAborted;
        if (await waves.GetAsync(number, ct) is not { } wave)
        {
            return await access.NotFoundAsync(request, staff, $"There is no wave {number}.");
        }
        var joining = (await commands.JoiningAsync(wave, ct))
            .OrderBy(a => a.ShaCode, StringComparer.Ordinal)
            .ThenBy(a => a.ConsortiumName, StringComparer.Ordinal)
            .Select(a => new JoiningApplication(
                a.Reference,
                a.ConsortiumName,
                a.ShaCode,
                ShaCode.From(a.ShaCode).Value!.Name,
                a.Decision!.DecidedAt,
                a.RegisteredPopulation
            ))
            .ToList();
        var recipients = wave.IsAnnounced
            ? null
            : await WaveDigestRecipients.ForAsync(joining.Select(a => a.Sha), partners, ct);
        return await access.Pages.RenderAsync<AnnounceWave>(
            request.HttpContext,
            staff,
            new AnnounceWaveModel(WaveView.Of(wave), joining, problems) { Recipients = recipients },
            status
        );
    }
}
