using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Pages.National.Partners;

/// <summary>
/// The national team's partners on pages: the list, adding one, one partner's page with its change, test message and
/// removal forms. Every form goes through <see cref="PartnerCommands"/>, as the API does; after a post the browser is
/// sent to the page, which says what was done. A change made to a version someone else has changed since is a 409
/// page that keeps what was typed.
/// </summary>
public sealed class PartnerPageFunctions(PartnerDirectory directory, PartnerCommands commands, PageAccess access)
{
    [Function(nameof(PartnersPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> PartnersPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/partners")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var all = await directory.ListAsync(request.HttpContext.RequestAborted, removed: true);
        var current = all.Where(p => p.Removed is null).ToList();
        var done = request.Query["done"].FirstOrDefault() is "removed" ? "removed" : null;
        return await access.Pages.RenderAsync<PartnerList>(
            request.HttpContext,
            staff,
            new PartnerListModel(
                current,
                [.. all.Where(p => p.Removed is not null).OrderByDescending(p => p.Removed!.At)],
                PartnerRules.Missing(current.Select(p => p.Details)),
                done
            )
        );
    }

    [Function(nameof(NewPartnerPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> NewPartnerPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/partners/new")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        // The coverage warning links here with the kind and SHA chosen.
        return await access.Pages.RenderAsync<NewPartner>(
            request.HttpContext,
            staff,
            new PartnerFormModel(
                PartnerFormValues.Empty(request.Query["kind"].FirstOrDefault(), request.Query["sha"].FirstOrDefault()),
                []
            )
        );
    }

    [Function(nameof(AddPartnerOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> AddPartnerOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/partners/new")] HttpRequest request
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var values = PartnerFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        return await commands.AddAsync(values.ToDraft(), staff, request.HttpContext.RequestAborted) switch
        {
            PartnerOutcome.Done done => TypedResults.Redirect($"/national/partners/{done.Partner.Id}?done=added"),
            PartnerOutcome.Invalid invalid => await access.Pages.RenderAsync<NewPartner>(
                request.HttpContext,
                staff,
                new PartnerFormModel(values, PartnerFormValues.OnPage(invalid.Problems)),
                StatusCodes.Status400BadRequest
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(PartnerPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> PartnerPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/partners/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        if (await directory.GetAsync(id, request.HttpContext.RequestAborted) is not { } partner)
        {
            return await access.NotFoundAsync(request, staff, $"There is no partner {id}.");
        }
        var done = request.Query["done"].FirstOrDefault();
        done = done is "added" or "changed" or "test" ? done : null;
        return await RenderAsync(
            request,
            staff,
            partner,
            PartnerFormValues.Of(partner),
            [],
            done,
            StatusCodes.Status200OK
        );
    }

    [Function(nameof(ChangePartnerOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ChangePartnerOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/partners/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var values = PartnerFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        // The kind never changes: the form has no box for it.
        var draft = values.ToDraft() with { Kind = null };
        return await commands.ChangeAsync(
            id,
            values.ExpectedVersion,
            draft,
            staff,
            request.HttpContext.RequestAborted
        ) switch
        {
            PartnerOutcome.Done => TypedResults.Redirect($"/national/partners/{id}?done=changed"),
            PartnerOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            PartnerOutcome.Invalid invalid => await RenderAsync(
                request,
                staff,
                id,
                values,
                PartnerFormValues.OnPage(invalid.Problems),
                StatusCodes.Status400BadRequest
            ),
            // What they typed stays, at the version now there: they can compare, then send it again.
            PartnerOutcome.Stale stale => await RenderAsync(
                request,
                staff,
                stale.Current,
                values with
                {
                    Version = stale.Current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                [new ValidationProblem("name", PartnerCommands.StaleMessage(stale))],
                null,
                StatusCodes.Status409Conflict
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(RemovePartnerOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> RemovePartnerOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/partners/{id}/remove")]
            HttpRequest request,
        string id
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var values = PartnerFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        return await commands.RemoveAsync(id, values.ExpectedVersion, staff, request.HttpContext.RequestAborted) switch
        {
            PartnerOutcome.Done => TypedResults.Redirect("/national/partners?done=removed"),
            PartnerOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            PartnerOutcome.Stale stale => await RenderAsync(
                request,
                staff,
                stale.Current,
                PartnerFormValues.Of(stale.Current),
                [new ValidationProblem("remove", PartnerCommands.StaleMessage(stale))],
                null,
                StatusCodes.Status409Conflict
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(TestPartnerOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> TestPartnerOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/partners/{id}/test-message")]
            HttpRequest request,
        string id
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var values = PartnerFormValues.Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        return await commands.SendTestAsync(id, values.Press, staff, request.HttpContext.RequestAborted) switch
        {
            PartnerOutcome.Done => TypedResults.Redirect($"/national/partners/{id}?done=test"),
            PartnerOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            PartnerOutcome.Invalid => await RenderAsync(
                request,
                staff,
                id,
                null,
                [new ValidationProblem("test", "The form was damaged: send the test message again.")],
                StatusCodes.Status400BadRequest
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    /// <summary>The partner's page with these problems, and the change form as typed (or, without, as it is
    /// now).</summary>
    private async Task<Results<HtmlPage, RedirectHttpResult>> RenderAsync(
        HttpRequest request,
        Staff staff,
        string id,
        PartnerFormValues? values,
        IReadOnlyList<ValidationProblem> problems,
        int status
    ) =>
        await directory.GetAsync(id, request.HttpContext.RequestAborted) is { } partner
            ? await RenderAsync(
                request,
                staff,
                partner,
                values ?? PartnerFormValues.Of(partner),
                problems,
                null,
                status
            )
            : await access.NotFoundAsync(request, staff, $"There is no partner {id}.");

    private async Task<Results<HtmlPage, RedirectHttpResult>> RenderAsync(
        HttpRequest request,
        Staff staff,
        Partner partner,
        PartnerFormValues values,
        IReadOnlyList<ValidationProblem> problems,
        string? done,
        int status
    )
    {
        var ct = request.HttpContext.RequestAborted;
        // Each page load is a new press of the test button, whatever was typed in the other forms.
        var form = values with { Press = PartnerFormValues.NewPress() };
        return await access.Pages.RenderAsync<PartnerPage>(
            request.HttpContext,
            staff,
            new PartnerPageModel(
                partner,
                form,
                problems,
                await directory.HistoryAsync(partner.Id, ct),
                await commands.DigestsAsync(partner.Id, ct),
                await commands.TestMessagesAsync(partner.Id, ct),
                done
            ),
            status
        );
    }
}
