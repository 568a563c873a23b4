namespace Pathfinder.Functions.Intake.Forms;

/// <summary>An attachment that could not be read at all; the message says so in plain words, ready for the
/// reply.</summary>
public sealed class FormUnreadableException(string message, Exception inner) : Exception(message, inner);
