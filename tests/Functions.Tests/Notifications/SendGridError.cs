namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>One entry of SendGrid's error body, {"errors":[{"message":..., "field":...}]}.</summary>
public sealed record SendGridError(string Message, string? Field);
