namespace Pathfinder.Domain;

/// <summary>
/// One thing wrong with what someone sent us. <paramref name="Field"/> is the camelCase JSON path the HTTP API
/// uses (<c>practices[2].listSize</c>), so a form can point at the box to fix; <paramref name="Message"/> is in
/// plain words for the person who filled it in.
/// </summary>
public sealed record ValidationProblem(string Field, string Message);
