using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Pages.National.Partners;

/// <summary>The partners page: every partner by kind and SHA, the SHAs missing one, the removed, and what was
/// done.</summary>
public sealed record PartnerListModel(
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<Partner> Removed,
    IReadOnlyList<(ShaCode Sha, PartnerKind Kind)> Missing,
    string? Done
);

/// <summary>The add page: the form as typed and its problems.</summary>
public sealed record PartnerFormModel(PartnerFormValues Form, IReadOnlyList<ValidationProblem> Problems);

/// <summary>One partner's page: what it holds, the change form as typed, what it was sent, and its history.</summary>
public sealed record PartnerPageModel(
    Partner Partner,
    PartnerFormValues Form,
    IReadOnlyList<ValidationProblem> Problems,
    IReadOnlyList<PartnerHistoryEntry> History,
    IReadOnlyList<PartnerDigest> Digests,
    IReadOnlyList<OutboxEntry> TestMessages,
    string? Done
);

/// <summary>
/// The partner form's boxes, as typed: the kind (adding only), the SHA, the name and the addresses (one a line), the
/// version the change is made to, and the id of this press of "send a test message".
/// </summary>
public sealed record PartnerFormValues(
    string Kind,
    string Sha,
    string Name,
    string Addresses,
    string Version,
    string Press
)
{
    public static PartnerFormValues Empty(string? kind = null, string? sha = null) =>
        new(kind ?? "", sha ?? "", "", "", "", NewPress());

    public static PartnerFormValues Of(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new(
            PartnerRules.ApiName(partner.Kind),
            partner.Details.Sha?.Code ?? "",
            partner.Name,
            string.Join("\n", partner.Details.Addresses),
            partner.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NewPress()
        );
    }

    public static PartnerFormValues Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string Field(string name) => form[name].FirstOrDefault() ?? "";
        return new(Field("kind"), Field("sha"), Field("name"), Field("addresses"), Field("version"), Field("press"));
    }

    /// <summary>A fresh id for the test message button: a repeated post of the same page sends once.</summary>
    public static string NewPress() => Guid.NewGuid().ToString("N");

    /// <summary>What the rules check: addresses one a line (commas and semicolons separate them too), blank lines
    /// dropped.</summary>
    public PartnerDraft ToDraft() =>
        new(
            Kind,
            Sha,
            Name,
            [
                .. Addresses.Split(
                    ['\r', '\n', ',', ';'],
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
                ),
            ]
        );

    /// <summary>The version the form was opened at; -1 (never current) when the box was tampered with.</summary>
    public int ExpectedVersion =>
        int.TryParse(
            Version,
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var v
        )
            ? v
            : -1;

    /// <summary>
    /// The rules name each address (<c>addresses[2]</c>); on the page they are lines of one box, so each problem links
    /// to the box.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> OnPage(IReadOnlyList<ValidationProblem> problems) =>
        [
            .. problems.Select(p =>
                p.Field.StartsWith("addresses[", StringComparison.Ordinal) ? p with { Field = "addresses" } : p
            ),
        ];

    /// <summary>Every message for a field, as the one inline error above its box.</summary>
    public static string? ErrorFor(IReadOnlyList<ValidationProblem> problems, string field) =>
        problems.Where(p => p.Field == field).Select(p => p.Message).ToList() is { Count: > 0 } messages
            ? string.Join(" ", messages)
            : null;
}
