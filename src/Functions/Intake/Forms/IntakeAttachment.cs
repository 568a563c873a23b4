namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// An attachment as the webhook stored it. <paramref name="Open"/> is called only for an attachment the intake
/// reads, and at most once, so a large attachment is never loaded for nothing.
/// </summary>
public sealed record IntakeAttachment(string FileName, string ContentType, Func<Stream> Open);
