using System.Net.Mail;

namespace Pathfinder.Functions.Notifications;

/// <summary>A recipient: an address that parses as one mailbox, and an optional display name.</summary>
public sealed record EmailAddress(string Email, string? Name = null)
{
    public string Email { get; } =
        IsMailbox(Email)
            ? Email.Trim()
            : throw new ArgumentException($"'{Email}' is not an email address.", nameof(Email));

    public string? Name { get; } = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim();

    /// <summary>True for a bare mailbox this type accepts (what a person typed as a corrected address, say).</summary>
    public static bool IsValid(string? email) => IsMailbox(email);

    // A display name or angle brackets would be sent as part of the address, so only a bare mailbox passes.
    private static bool IsMailbox(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim();
}
