using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Pages;

/// <summary>How people sign in to the pages.</summary>
public enum PageSignIn
{
    /// <summary>App Service Authentication (Entra ID) signs people in and passes the principal in a header.</summary>
    EasyAuth,

    /// <summary>A local page lets a developer choose a role and an SHA. Refused outside the Development
    /// environment.</summary>
    Development,
}

/// <summary>Settings of the web pages (section <c>Pages</c>).</summary>
public sealed class PageOptions
{
    public const string SectionName = "Pages";

    /// <summary>EasyAuth in Azure; Development on a developer's machine (the default there).</summary>
    public PageSignIn? SignIn { get; set; }

    /// <summary>
    /// The key that signs applicants' status links (HMAC-SHA256), base64, at least 32 bytes. A secret: Key Vault in
    /// Azure, user-secrets locally (<c>./run.sh</c> makes one).
    /// </summary>
    [Required(
        ErrorMessage = "Pages:StatusLinkKey is required: a base64 key of at least 32 bytes that signs applicants' "
            + "status links."
    )]
    public string StatusLinkKey { get; set; } = "";

    /// <summary>How long a status link works after the email that carries it.</summary>
    [Range(
        typeof(TimeSpan),
        "01:00:00",
        "365.00:00:00",
        ErrorMessage = "Pages:StatusLinkLifetime must be between an hour and a year."
    )]
    public TimeSpan StatusLinkLifetime { get; set; } = TimeSpan.FromDays(90);
}
