using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// What every page's layout needs about this request: who is signed in (if anyone), the nonce of its one inline
/// script, the antiforgery token its forms carry, and whether the development sign-in is on.
/// </summary>
public sealed record PageContext(Staff? Viewer, string Nonce, string? FormToken, bool DevelopmentSignIn, string Path);
