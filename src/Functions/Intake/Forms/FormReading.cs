using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The form as read, with remarks in plain words for the reply (what was cut, ignored or
/// unreadable).</summary>
public sealed record FormReading(ExpressionOfInterestForm Form, IReadOnlyList<string> Notes);
