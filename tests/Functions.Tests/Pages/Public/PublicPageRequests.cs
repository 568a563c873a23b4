using System.Text.RegularExpressions;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.Public;

/// <summary>
/// Requests as a browser makes them to the public pages and the pages emails link to: redirects not followed (so a
/// test sees a sign-in redirect for what it is), and, when signed in, the principal App Service Authentication
/// passes in <c>X-MS-CLIENT-PRINCIPAL</c>.
/// </summary>
public static partial class PublicPageRequests
{
    /// <summary>A browser that does not follow redirects and is signed in as nobody.</summary>
    public static HttpClient Browser(this PathfinderApp app) => PageClients.Anonymous(app);

    /// <summary>A browser signed in through the platform with these roles (and SHA), as Azure would pass it.</summary>
    public static HttpClient SignedInBrowser(this PathfinderApp app, string name, string role, string? sha = null) =>
        PageClients.SignedIn(app, name, role, sha);

    /// <summary>Follows a link from an email against the app under test: its path and query, whatever its
    /// host.</summary>
    public static Task<HttpResponseMessage> FollowAsync(this HttpClient client, Uri link)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(link);
        return client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
    }

    /// <summary>The links in an email's text body that start with <paramref name="prefix"/> (e.g.
    /// http://localhost/status/).</summary>
    public static IReadOnlyList<Uri> LinksTo(this SentMail mail, string prefix)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return
        [
            .. Links()
                .Matches(mail.Text)
                .Select(m => m.Value)
                .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
                .Select(l => new Uri(l)),
        ];
    }

    /// <summary>The first email of this kind about the application, once it is written (at most 30 s).</summary>
    public static async Task<SentMail> MailAsync(
        this PathfinderApp app,
        string reference,
        string kind,
        string? to = null
    ) =>
        (
            await Eventually.UntilAsync(
                $"a {kind} email about {reference}",
                TimeSpan.FromSeconds(30),
                () => app.About(reference).FirstOrDefault(m => m.Kind == kind && (to is null || m.IsTo(to))),
                mail => mail is not null,
                _ => "none"
            )
        )!;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
