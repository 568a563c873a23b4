using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Partners;

/// <summary>What became of a change to the partners: problems to fix, no such partner, a stale version, or
/// done.</summary>
public abstract record PartnerOutcome
{
    private PartnerOutcome() { }

    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : PartnerOutcome;

    public sealed record NotFound(string Detail) : PartnerOutcome;

    /// <summary>Someone changed the partner since the caller read it: <paramref name="Current"/> is what is there
    /// now.</summary>
    public sealed record Stale(Partner Current, PartnerHistoryEntry? By) : PartnerOutcome;

    public sealed record Done(Partner Partner) : PartnerOutcome;
}

/// <summary>A wave's digest as queued for a partner, with where it is on its way out.</summary>
public sealed record PartnerDigest(int Wave, OutboxEntry Entry);

/// <summary>
/// Adding, changing and removing partners, the test message, and what a partner has been sent: the same rules
/// (<see cref="PartnerRules"/>) whether the national team uses the API or the pages.
/// </summary>
public sealed class PartnerCommands(PartnerDirectory directory, IAnnouncedWaves waves, Outbox outbox, TimeProvider time)
{
    public const string ProblemsTitle = "The partner has problems";

    private const int MaxAttempts = 3;

    /// <summary>The outbox instance a partner's test messages are queued under.</summary>
    public static string TestInstance(string id) => $"partner-{id}";

    /// <summary>The outbox step of a partner's digest, under the wave's instance: one per partner per wave.</summary>
    public static string DigestStep(string id) => $"digest-{id}";

    public async Task<PartnerOutcome> AddAsync(PartnerDraft draft, Staff staff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staff);
        for (var attempt = 1; ; attempt++)
        {
            var checkedDraft = await CheckAsync(draft, exceptId: null, fixedKind: null, ct);
            if (!checkedDraft.IsValid)
            {
                return new PartnerOutcome.Invalid(checkedDraft.Problems);
            }
            var id = Guid.NewGuid().ToString("N")[..12];
            switch (await directory.AddAsync(id, checkedDraft.Value, Stamp(staff), ct))
            {
                case PartnerWrite.Done:
                    return new PartnerOutcome.Done(new Partner(id, checkedDraft.Value, 1));
                case PartnerWrite.Duplicate when attempt >= MaxAttempts:
                    return new PartnerOutcome.Invalid([Taken(checkedDraft.Value)]);
                default:
                    // A new id that was taken, or someone added the same partner since we looked (checking again names
                    // theirs).
                    continue;
            }
        }
    }

    public async Task<PartnerOutcome> ChangeAsync(
        string id,
        int expectedVersion,
        PartnerDraft draft,
        Staff staff,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(staff);
        for (var attempt = 1; ; attempt++)
        {
            if (await CurrentAsync(id, ct) is not { } partner)
            {
                return await GoneAsync(id, ct);
            }
            if (partner.Version != expectedVersion)
            {
                return await StaleAsync(partner, ct);
            }
            var checkedDraft = await CheckAsync(draft, id, partner.Kind, ct);
            if (!checkedDraft.IsValid)
            {
                return new PartnerOutcome.Invalid(checkedDraft.Problems);
            }
            if (checkedDraft.Value == partner.Details)
            {
                return new PartnerOutcome.Done(partner); // Nothing changed: no new version, no history line.
            }
            switch (await directory.ChangeAsync(partner, checkedDraft.Value, Stamp(staff), ct))
            {
                case PartnerWrite.Done:
                    return new PartnerOutcome.Done(new Partner(id, checkedDraft.Value, partner.Version + 1));
                case PartnerWrite.Stale:
                    expectedVersion = -1; // Read again: it is stale (or gone), and the answer says by whom.
                    continue;
                case PartnerWrite.Duplicate when attempt >= MaxAttempts:
                    return new PartnerOutcome.Invalid([Taken(checkedDraft.Value)]);
                default:
                    continue; // Someone took its place meanwhile: checking again names them.
            }
        }
    }

    public async Task<PartnerOutcome> RemoveAsync(string id, int expectedVersion, Staff staff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await CurrentAsync(id, ct) is not { } partner)
        {
            return await GoneAsync(id, ct);
        }
        if (partner.Version != expectedVersion)
        {
            return await StaleAsync(partner, ct);
        }
        return await directory.RemoveAsync(partner, Stamp(staff), ct) == PartnerWrite.Done
                ? new PartnerOutcome.Done(partner with { Removed = Stamp(staff) })
            : await CurrentAsync(id, ct) is { } now ? await StaleAsync(now, ct)
            : await GoneAsync(id, ct);
    }

    /// <summary>
    /// Sends a test message to the partner's addresses through the outbox. <paramref name="press"/> names the press of
    /// the button (the page's form carries one, the API's Idempotency-Key): the same press sends once, however often
    /// the request is repeated.
    /// </summary>
    public async Task<PartnerOutcome> SendTestAsync(string id, string press, Staff staff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await CurrentAsync(id, ct) is not { } partner)
        {
            return await GoneAsync(id, ct);
        }
        if (!PartnerDirectory.IsId(press?.ToLowerInvariant()))
        {
            return new PartnerOutcome.Invalid([
                new ValidationProblem(
                    "idempotencyKey",
                    "Name the press of the button with letters, digits and dashes (at most 64), for example a UUID."
                ),
            ]);
        }
        var (instance, step) = (TestInstance(id), $"test-{press!.ToLowerInvariant()}");
        var email = PartnerTemplates.TestMessage(
            partner.Name,
            partner.Details.KindAndArea,
            PartnerRules.Receives(partner.Kind),
            staff.Name,
            time.GetUtcNow()
        );
        await outbox.EnqueueAsync(
            instance,
            step,
            email.ToMessage(partner.ToAddresses(), "PartnerTest", $"{instance}/{step}"),
            ct
        );
        await outbox.TrySendNowAsync(instance, step, ct);
        return new PartnerOutcome.Done(partner);
    }

    /// <summary>The digests queued for the partner, one per announced wave it was sent, newest wave first.</summary>
    public async Task<IReadOnlyList<PartnerDigest>> DigestsAsync(string id, CancellationToken ct)
    {
        var digests = new List<PartnerDigest>();
        foreach (var wave in (await waves.AnnouncedAsync(ct)).OrderByDescending(w => w.Number))
        {
            if (await outbox.GetAsync(wave.InstanceId, DigestStep(id), ct) is { } entry)
            {
                digests.Add(new PartnerDigest(wave.Number, entry));
            }
        }
        return digests;
    }

    /// <summary>The test messages sent to the partner, newest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> TestMessagesAsync(string id, CancellationToken ct) =>
        PartnerDirectory.IsId(id)
            ? [.. (await outbox.ListAsync(TestInstance(id), ct)).OrderByDescending(e => e.CreatedAt)]
            : [];

    /// <summary>Adds each example partner that is missing (<see cref="PartnerDefaults"/>); the team's edits
    /// stand.</summary>
    public async Task LoadExamplesAsync(CancellationToken ct)
    {
        var stamp = new PartnerStamp(PartnerDefaults.AddedBy, time.GetUtcNow());
        foreach (var (id, details) in PartnerDefaults.All)
        {
            // Already there, removed by the team, or its place taken by a partner the team added: left as it is.
            await directory.AddAsync(id, details, stamp, ct);
        }
    }

    private async Task<Validated<PartnerDetails>> CheckAsync(
        PartnerDraft draft,
        string? exceptId,
        PartnerKind? fixedKind,
        CancellationToken ct
    )
    {
        var others = (await directory.ListAsync(ct))
            .Where(p => p.Id != exceptId)
            .Select(p => new KnownPartner(p.Id, p.Details))
            .ToList();
        return PartnerRules.Validate(draft, others, fixedKind);
    }

    private async Task<Partner?> CurrentAsync(string id, CancellationToken ct) =>
        await directory.GetAsync(id, ct) is { Removed: null } partner ? partner : null;

    private async Task<PartnerOutcome> GoneAsync(string id, CancellationToken ct) =>
        new PartnerOutcome.NotFound(
            await directory.GetAsync(id, ct) is { Removed: { } removed }
                ? $"The partner was removed by {removed.By} on {UkTime.Describe(removed.At)}."
                : $"There is no partner {id}."
        );

    private async Task<PartnerOutcome> StaleAsync(Partner current, CancellationToken ct) =>
        new PartnerOutcome.Stale(
            current,
            await directory.HistoryAsync(current.Id, ct) is { Count: > 0 } history ? history[^1] : null
        );

    /// <summary>When the duplicate another change made cannot be named (it came and went while we looked).</summary>
    private static ValidationProblem Taken(PartnerDetails details) =>
        new(
            PartnerRules.IsPerSha(details.Kind) ? "sha"
                : details.Kind == PartnerKind.NationalBody ? "name"
                : "kind",
            "Another partner took this place while you were making the change; reload the list and check."
        );

    private PartnerStamp Stamp(Staff staff) => new(staff.Name, time.GetUtcNow());

    /// <summary>The message for a change made to a version that is no longer the partner's.</summary>
    public static string StaleMessage(PartnerOutcome.Stale stale)
    {
        ArgumentNullException.ThrowIfNull(stale);
        var by = stale.By is { } last ? $" by {last.By} on {UkTime.Describe(last.At)}" : "";
        return $"Someone changed this partner since you opened it (version {stale.Current.Version}{by}). Check what "
            + "it holds now, then make your change again.";
    }
}
