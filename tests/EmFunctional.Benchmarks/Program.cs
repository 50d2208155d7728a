using BenchmarkDotNet.Running;

namespace EmFunctional.Benchmarks;

/// <summary>
/// <c>bench [FILTER] [BenchmarkDotNet options]</c> runs the BenchmarkDotNet suite (all of it without a
/// filter; FILTER is a glob over "Class.Method", e.g. <c>*ThreadScaling*</c>);
/// <c>compare DATA.bin START.json ITERATIONS [THREADS]</c> is our side of compare.sh (see
/// <see cref="CompareRunner"/>); <c>search REAL_DIR OPTIMA.csv</c> compares start strategies on the reference
/// optima (<see cref="SearchComparison"/>). Run in Release: <c>dotnet run -c Release --project tests/EmFunctional.Benchmarks -- bench</c>.
/// </summary>
public static class Program
{
    /// <summary>Dispatches on the first argument.</summary>
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "bench":
            {
                var rest = args.Skip(1).ToList();
                // A bare first word is the filter; without one, everything runs.
                if (rest.Count == 0) rest.AddRange(["--filter", "*"]);
                else if (!rest[0].StartsWith('-')) rest.InsertRange(0, ["--filter", Pop(rest)]);
                var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest]);
                return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
            }
            case "compare":
                return CompareRunner.Run(args[1..]);
            case "search":
                return SearchComparison.Run(args[1..]);
            default:
                Console.Error.WriteLine("usage: EmFunctional.Benchmarks bench [FILTER] [BenchmarkDotNet options]");
                Console.Error.WriteLine("       EmFunctional.Benchmarks compare DATA.bin START.json ITERATIONS [THREADS]");
                Console.Error.WriteLine("       EmFunctional.Benchmarks search REAL_DIR OPTIMA.csv [--cells] [STRATEGY ...]");
                return 2;
        }
    }

    private static string Pop(List<string> list)
    {
        var first = list[0];
        list.RemoveAt(0);
        return first;
    }
}
