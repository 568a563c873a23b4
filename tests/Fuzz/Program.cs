using System.Diagnostics;
using SharpFuzz;

namespace Pathfinder.Fuzz;

/// <summary>
/// <c>Pathfinder.Fuzz TARGET</c> runs under afl-fuzz (see scripts/fuzz.sh); <c>Pathfinder.Fuzz TARGET FILE...</c>
/// replays files through the target and says which crash, e.g. to look into one afl-fuzz kept.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !ReaderTargets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"Usage: Pathfinder.Fuzz {string.Join('|', ReaderTargets.All.Keys)} [FILE...]");
            return 2;
        }
        if (args.Length == 1)
        {
            // Out of process: the fork server survives what the reader cannot catch (a stack overflow, a hang),
            // restarting the .NET child, so afl-fuzz sees a crash or a timeout instead of losing the fork server.
            Fuzzer.OutOfProcess.Run(target);
            return 0;
        }
        var crashed = 0;
        foreach (var file in args[1..])
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var input = File.OpenRead(file);
                target(input);
                Console.WriteLine($"ok      {clock.ElapsedMilliseconds, 6} ms  {file}");
            }
            catch (Exception e)
            {
                crashed++;
                Console.WriteLine($"CRASH   {clock.ElapsedMilliseconds, 6} ms  {file}\n{e}");
            }
        }
        return crashed == 0 ? 0 : 1;
    }
}
