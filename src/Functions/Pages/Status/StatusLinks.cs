using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Intake.Inbound;

namespace Pathfinder.Functions.Pages.Status;

/// <summary>
/// The applicant's status link: the application's reference and an expiry, signed with HMAC-SHA256 under
/// <see cref="PageOptions.StatusLinkKey"/>. Whoever holds the link sees that one application's status and nothing
/// else, until it expires; no account is needed.
/// </summary>
public sealed class StatusLinks(IOptions<PageOptions> options, IOptions<EmailIntakeOptions> site, TimeProvider time)
    : Notifications.IStatusLinks
{
    /// <summary>The absolute link (under <c>Intake:PublicBaseUrl</c>, the app's public address) for the applicant of
    /// <paramref name="reference"/>.</summary>
    public Uri For(string reference)
    {
        var expires = time.GetUtcNow().Add(options.Value.StatusLinkLifetime).ToUnixTimeSeconds();
        var query = $"expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Sign(reference, expires)}";
        return new Uri(new Uri(site.Value.PublicBaseUrl), $"/status/{Uri.EscapeDataString(reference)}?{query}");
    }

    /// <summary>
    /// Why the link does not open the page (null when it is genuine and in date), and whether it was genuine but out of
    /// date (the status page answers that 410 Gone,
    /// anything else 403). The signature is checked before the expiry, so "expired" is said only of links we sent.
    /// </summary>
    public StatusLinkRefusal? Verify(string reference, string? expires, string? signature)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (
            !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature is null
        )
        {
            return new StatusLinkRefusal(
                false,
                "This link is incomplete. Open the link from your acknowledgement email again."
            );
        }
        var expected = Encoding.ASCII.GetBytes(Sign(reference, seconds));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return new StatusLinkRefusal(
                false,
                "This link is not one we sent. Open the link from your acknowledgement email again."
            );
        }
        return time.GetUtcNow().ToUnixTimeSeconds() > seconds
            ? new StatusLinkRefusal(
                true,
                "This link has expired. Email your SHA, quoting your reference, to ask about your application."
            )
            : null;
    }

    /// <summary>The application's page for reviewers and the national team (it asks them to sign in).</summary>
    public Uri ReviewPage(string reference) =>
        new(new Uri(site.Value.PublicBaseUrl), $"/review/{Uri.EscapeDataString(reference)}");

    private string Sign(string reference, long expires)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(options.Value.StatusLinkKey));
        var mac = hmac.ComputeHash(
            Encoding.UTF8.GetBytes($"{reference}\n{expires.ToString(CultureInfo.InvariantCulture)}")
        );
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }
}

/// <summary>Why a status link was refused; <paramref name="Expired"/> when it was genuine but out of date.</summary>
public sealed record StatusLinkRefusal(bool Expired, string Why);
