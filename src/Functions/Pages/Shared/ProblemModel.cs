namespace Pathfinder.Functions.Pages.Shared;

/// <summary>What the problem page says.</summary>
public sealed record ProblemModel(string Title, string Detail);
