namespace Pathfinder.Functions.Pages.SignIn;

/// <summary>The development sign-in form, as sent (or empty), with its problems.</summary>
public sealed record SignInModel(
    string? Name,
    string? Role,
    string ReturnUrl,
    string FormToken,
    IReadOnlyList<Pathfinder.Domain.ValidationProblem> Problems
);
