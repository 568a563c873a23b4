namespace Pathfinder.Testing;

/// <summary>Finds the repository root (the folder holding Onboarding.sln) from wherever tests run.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Onboarding.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Onboarding.sln not found above " + AppContext.BaseDirectory);
    }
}
