using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Architecture;

/// <summary>
/// No C# line is longer than the 120 columns <c>.editorconfig</c> sets. CSharpier (<c>dotnet csharpier check</c>
/// in <c>test.sh</c>) keeps code within them but leaves comments and string literals as written: this catches those.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLineLength = 120;

    private static readonly string[] Folders = ["src", "tests", "benchmarks", "tools"];

    [Fact]
    public void NoCSharpLine_IsLongerThan120Columns()
    {
        var root = RepositoryRoot.Find();
        var sources = Folders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(Path.GetRelativePath(root, path)))
            .ToList();

        var tooLong = sources
            .SelectMany(path =>
                File.ReadLines(path)
                    .Select((line, index) => (Line: line, Number: index + 1))
                    .Where(l => l.Line.Length > MaxLineLength)
                    .Select(l => $"{Path.GetRelativePath(root, path)}:{l.Number} ({l.Line.Length} columns)")
            )
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules");
}
