using System.Diagnostics;
using System.Globalization;
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using LanguageExt;

namespace EmFunctional.Benchmarks;

/// <summary>
/// <c>search REAL_DIR OPTIMA.csv [STRATEGY ...]</c>: how often each start-and-restart strategy reaches the best
/// known optimum of tests/data/reference/optima (issue 13), and what it costs, on the same machine in one run.
/// A cell counts as reached when the strategy's final log-likelihood is within 1e-4 (relative) of the cell's
/// best known non-degenerate optimum, or above it. Prints one line per strategy and, with <c>--cells</c>,
/// every cell a strategy misses.
/// </summary>
public static class SearchComparison
{
    private sealed record Cell(string Dataset, string Covariance, int K, double Best, double MclustDefault, bool Degenerate);

    private delegate double Strategy(GaussianFamily family, Dataset data, int k);

    private static readonly StoppingRule Tight = StoppingRule.Default(1e-8, 1000);

    private static double Run(GaussianFamily family, Dataset data, int k, InitializationStrategy init, int restarts, StoppingRule stopping) =>
        Fitting.Fit(family, data, k, new EmOptions(stopping, init, restarts, 0)).Match(
            Right: fit => fit.FinalState.MeanLogLikelihood * data.TotalWeight, Left: _ => double.NegativeInfinity);

    /// <summary>
    /// Short EM (Biernacki, Celeux &amp; Govaert 2003): <paramref name="candidates"/> starts of each kind run
    /// <paramref name="shortIterations"/> iterations, the best <paramref name="keep"/> run to convergence.
    /// </summary>
    private static double ShortEm(GaussianFamily family, Dataset data, int k, int candidates, int shortIterations, int keep, bool withHierarchical, bool withRandom)
    {
        var starts = new List<Mixture<GaussianComponent>>();
        void Add(InitializationStrategy init, ulong seed) =>
            Initializer.Initialize(family, data, k, init, seed).IfRight(starts.Add);
        if (withHierarchical) Add(new InitializationStrategy.Hierarchical(), 0);
        for (var s = 0; s < candidates; s++) Add(new InitializationStrategy.KMeansPlusPlus(), Core.Numerics.RandomSource.DeriveSeed(0, s));
        if (withRandom) for (var s = 0; s < candidates / 2; s++) Add(new InitializationStrategy.RandomResponsibilities(), Core.Numerics.RandomSource.DeriveSeed(1, s));
        var options = new EmOptions(StoppingRule.Default(0, shortIterations), new InitializationStrategy.KMeansPlusPlus());
        var shortRuns = starts.Select(start =>
        {
            EmState<GaussianComponent>? last = null;
            foreach (var state in Fitting.Restart(family, data, start, options).Take(shortIterations))
            {
                if (state.Failed) break;
                last = state;
            }
            return last;
        }).Where(state => state is not null).OrderByDescending(state => state!.MeanLogLikelihood).Take(keep).ToList();
        var best = double.NegativeInfinity;
        foreach (var run in shortRuns)
        {
            var value = Fitting.FitFrom(family, data, run!.Mixture, Tight).Match(Right: fit => fit.FinalState.MeanLogLikelihood * data.TotalWeight, Left: _ => double.NegativeInfinity);
            best = Math.Max(best, value);
        }
        return best;
    }

    private static readonly (string Name, Strategy Run)[] Strategies =
    [
        ("default", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 1, StoppingRule.Default())),
        ("default-polished", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 1, Tight)),
        ("hc", (f, d, k) => Run(f, d, k, new InitializationStrategy.Hierarchical(), 1, Tight)),
        ("kmeans++x10", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 10, Tight)),
        ("kmeansx10", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeans(), 10, Tight)),
        ("hc+kmeans++x3", (f, d, k) => Math.Max(Run(f, d, k, new InitializationStrategy.Hierarchical(), 1, Tight), Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 3, Tight))),
        ("short-em 10x5 keep 2 +hc", (f, d, k) => ShortEm(f, d, k, 10, 5, 2, true, false)),
        ("short-em 20x5 keep 3 +hc +random", (f, d, k) => ShortEm(f, d, k, 20, 5, 3, true, true)),
        ("short-em 20x10 keep 3 +hc", (f, d, k) => ShortEm(f, d, k, 20, 10, 3, true, false)),
    ];

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: search REAL_DIR OPTIMA.csv [--cells] [STRATEGY ...]");
            return 2;
        }
        var showCells = args.Contains("--cells");
        var chosen = args.Skip(2).Where(a => a != "--cells").ToHashSet();
        var cells = ReadOptima(args[1]);
        var data = cells.Select(c => c.Dataset).Distinct().ToDictionary(name => name, name => ReadCsv(Path.Combine(args[0], name + ".csv")));
        Console.WriteLine($"{cells.Count} cells ({cells.Count(c => !c.Degenerate)} with a non-degenerate best)");
        foreach (var (name, strategy) in Strategies.Where(s => chosen.Count == 0 || chosen.Contains(s.Name)))
        {
            var (reached, belowMclust, comparable) = (0, 0, 0);
            var misses = new List<string>();
            var clock = Stopwatch.StartNew();
            foreach (var cell in cells)
            {
                var family = new GaussianFamily(Kind(cell.Covariance));
                var value = strategy(family, data[cell.Dataset], cell.K);
                if (cell.Degenerate || double.IsNaN(cell.Best)) continue;
                comparable++;
                if (value >= cell.Best - 1e-4 * Math.Abs(cell.Best)) reached++;
                else misses.Add($"  {cell.Dataset} {cell.Covariance} K={cell.K}: {value:G10} vs {cell.Best:G10} ({(cell.Best - value) / Math.Abs(cell.Best):E1} short)");
                if (!double.IsNaN(cell.MclustDefault) && value < cell.MclustDefault - 1e-4 * Math.Abs(cell.MclustDefault)) belowMclust++;
            }
            Console.WriteLine($"{name,-34} reached {reached}/{comparable}  below mclust's default {belowMclust}  {clock.Elapsed.TotalSeconds:F1} s");
            if (showCells) foreach (var miss in misses) Console.WriteLine(miss);
        }
        return 0;
    }

    private static CovarianceKind Kind(string word) => word switch
    {
        "full" => CovarianceKind.Full,
        "diag" => CovarianceKind.Diagonal,
        "spherical" => CovarianceKind.Spherical,
        "tied" => CovarianceKind.Tied,
        _ => throw new ArgumentException($"unknown covariance {word}"),
    };

    private static List<Cell> ReadOptima(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column {name}");
        double Number(string text) => double.TryParse(text.Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new Cell(
            f[Column("dataset")].Trim('"'), f[Column("covariance")].Trim('"'), int.Parse(f[Column("k")], CultureInfo.InvariantCulture),
            Number(f[Column("best")]), Number(f[Column("mclust_default")]),
            f[Column("degenerate")].Trim('"').ToLowerInvariant() is "true" or "1"))];
    }

    private static Dataset ReadCsv(string path)
    {
        var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return Dataset.FromRows(rows).Match(Succ: d => d, Fail: e => throw new InvalidDataException($"{path}: {string.Join("; ", e)}"));
    }
}
