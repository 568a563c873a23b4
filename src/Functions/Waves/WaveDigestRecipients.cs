using Pathfinder.Domain;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Waves;

/// <summary>An SHA with new pathfinders in a wave, and who there receives its digest (none when missing).</summary>
public sealed record AreaRecipients(ShaCode Sha, Partner? Lmc, Partner? Reviewers);

/// <summary>
/// Who a wave's digests go to: per SHA with new pathfinders its LMC and reviewers' mailbox, then the national bodies
/// and the national team with the whole list. <see cref="WaveActivities.SendWaveDigests"/> reads the same directory
/// the same way when it sends them.
/// </summary>
public sealed record WaveDigestRecipients(
    IReadOnlyList<AreaRecipients> Areas,
    IReadOnlyList<Partner> NationalBodies,
    IReadOnlyList<Partner> NationalTeam
)
{
    public static async Task<WaveDigestRecipients> ForAsync(
        IEnumerable<string> shaCodes,
        PartnerDirectory partners,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(partners);
        var areas = new List<AreaRecipients>();
        foreach (
            var sha in shaCodes
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(code => ShaCode.From(code))
                .Where(r => r.IsSuccess)
                .Select(r => r.Value!)
        )
        {
            var lmc = await partners.RecipientsAsync(PartnerKind.Lmc, sha.Code, ct);
            var reviewers = await partners.RecipientsAsync(PartnerKind.ShaReviewers, sha.Code, ct);
            areas.Add(
                new AreaRecipients(sha, lmc.Count > 0 ? lmc[0] : null, reviewers.Count > 0 ? reviewers[0] : null)
            );
        }
        return new WaveDigestRecipients(
            areas,
            await partners.RecipientsAsync(PartnerKind.NationalBody, null, ct),
            await partners.RecipientsAsync(PartnerKind.NationalTeam, null, ct)
        );
    }
}
