namespace Pathfinder.Functions.Notifications;

/// <summary>
/// The links emails carry: the applicant's signed status link (for the acknowledgement) and the reviewers' link to
/// the application's page. Pages implements it (the status page checks the signature); whoever sends only asks for
/// a link, so nothing that sends depends on Pages.
/// </summary>
public interface IStatusLinks
{
    Uri For(string reference);

    Uri ReviewPage(string reference);
}

/// <summary>
/// Adds a line to an application's timeline, for what the national team does to its notifications. Applications
/// implements it; a notification that is not about an application has no timeline, and the line is not written.
/// </summary>
public interface IApplicationTimeline
{
    Task NoteAsync(string reference, string what, string by, CancellationToken ct);
}
