using NetArchTest.Rules;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Architecture;

/// <summary>
/// The feature folders of <c>src/Functions</c> depend on each other one way only: a cycle means two folders must be
/// understood (and changed) together, which is what folders are meant to prevent.
/// </summary>
public sealed class FolderDependencyTests(ITestOutputHelper output)
{
    private const string Root = "Pathfinder.Functions.";

    /// <summary>Every top-level folder (namespace) of the Functions project.</summary>
    private static readonly string[] Folders =
    [
        .. typeof(Pathfinder.Functions.Hosting.ProgrammeOptions)
            .Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(Root, StringComparison.Ordinal))
            .Select(n => n[Root.Length..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void NoTwoFeatureFolders_DependOnEachOther()
    {
        var edges = DependencyEdges();
        output.WriteLine(string.Join(Environment.NewLine, edges.Select(e => $"{e.From} -> {e.To}")));

        var cycles = Cycles(edges);

        Assert.True(
            cycles.Count == 0,
            "Folders depending on each other (a cycle each): "
                + string.Join("; ", cycles.Select(c => string.Join(" -> ", c)))
        );
    }

    [Fact]
    public void TheCheck_FindsACycle_WhereThereIsOne()
    {
        var cycles = Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);

        Assert.Equal(["A -> B -> C -> A"], cycles.Select(c => string.Join(" -> ", c)));
    }

    [Fact]
    public void TheFoldersAreFound()
    {
        Assert.Contains("Applications", Folders);
        Assert.Contains("Notifications", Folders);
        Assert.Contains("Pages", Folders);
    }

    private static List<(string From, string To)> DependencyEdges()
    {
        var types = Types.InAssembly(typeof(Pathfinder.Functions.Hosting.ProgrammeOptions).Assembly);
        var edges = new List<(string, string)>();
        foreach (var from in Folders)
        {
            foreach (var to in Folders.Where(f => f != from))
            {
                var result = types
                    .That()
                    .ResideInNamespace(Root + from + ".")
                    .Or()
                    .ResideInNamespace(Root + from)
                    .Should()
                    .NotHaveDependencyOn(Root + to)
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    edges.Add((from, to));
                }
            }
        }
        return edges;
    }

    /// <summary>One cycle per strongly connected group of folders, each written from its first folder in
    /// order.</summary>
    private static List<List<string>> Cycles(List<(string From, string To)> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Select(e => e.From).Distinct().Order(StringComparer.Ordinal))
        {
            if (seen.Contains(start))
            {
                continue;
            }
            // The shortest way back to the start, by breadth-first search.
            var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>(next[start].Order(StringComparer.Ordinal));
            foreach (var n in next[start])
            {
                cameFrom.TryAdd(n, start);
            }
            while (queue.Count > 0 && !cameFrom.ContainsKey(start + "\0"))
            {
                var at = queue.Dequeue();
                foreach (var n in next[at].Order(StringComparer.Ordinal))
                {
                    if (n == start)
                    {
                        cameFrom[start + "\0"] = at;
                        break;
                    }
                    if (cameFrom.TryAdd(n, at))
                    {
                        queue.Enqueue(n);
                    }
                }
            }
            if (cameFrom.TryGetValue(start + "\0", out var last))
            {
                var path = new List<string> { start };
                for (var at = last; at != start; at = cameFrom[at])
                {
                    path.Insert(1, at);
                }
                path.Add(start);
                seen.UnionWith(path);
                cycles.Add(path);
            }
        }
        return cycles;
    }
}
