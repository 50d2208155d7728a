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
        Fitting.Fit(family, data, k, new EmOptions(stopping, init, restarts, 0) { Degeneracy = Policy }).Match(
            Right: fit => fit.FinalState.MeanLogLikelihood * data.TotalWeight, Left: _ => double.NegativeInfinity);

    private static readonly Core.Degeneracy.DegeneracyPolicy Policy = Core.Degeneracy.DegeneracyPolicy.Regularize;

    /// <summary>
    /// Short EM (Biernacki, Celeux &amp; Govaert 2003) from a spec such as <c>short hc=1 kpp=20 km=5 rfd=5 rr=5 it=10 keep=3 halving=1</c>:
    /// that many starts of each kind run <c>it</c> iterations, the best <c>keep</c> run to convergence; with
    /// <c>halving=1</c> the best half survive each round and the next round runs twice as many iterations.
    /// </summary>
    private static double ShortEm(GaussianFamily family, Dataset data, int k, string spec)
    {
        var p = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => t.Split('='))
            .ToDictionary(t => t[0], t => int.Parse(t[1], CultureInfo.InvariantCulture));
        int Get(string key, int fallback) => p.TryGetValue(key, out var v) ? v : fallback;
        var starts = new List<Mixture<GaussianComponent>>();
        void Add(InitializationStrategy init, int count, ulong stream)
        {
            for (var s = 0; s < count; s++)
                Initializer.Initialize(family, data, k, init, Core.Numerics.RandomSource.DeriveSeed(stream, s), Policy).IfRight(starts.Add);
        }
        Add(new InitializationStrategy.Hierarchical(), Get("hc", 0), 0);
        Add(new InitializationStrategy.KMeansPlusPlus(), Get("kpp", 0), 1);
        Add(new InitializationStrategy.KMeans(), Get("km", 0), 2);
        Add(new InitializationStrategy.RandomFromData(), Get("rfd", 0), 3);
        Add(new InitializationStrategy.RandomResponsibilities(), Get("rr", 0), 4);
        var iterations = Get("it", 5);
        var keep = Get("keep", 2);
        var halving = Get("halving", 0) == 1;
        var options = new EmOptions(StoppingRule.Default(0, 1_000_000), new InitializationStrategy.KMeansPlusPlus()) { Degeneracy = Policy };
        EmState<GaussianComponent>? Advance(Mixture<GaussianComponent> start, int steps)
        {
            EmState<GaussianComponent>? last = null;
            foreach (var state in Fitting.Restart(family, data, start, options).Take(steps))
            {
                if (state.Failed) break;
                last = state;
            }
            return last;
        }
        static double Rank(EmState<GaussianComponent> s) => s.Repairs.IsEmpty ? s.MeanLogLikelihood : double.NegativeInfinity;
        var pool = starts;
        do
        {
            var advanced = pool.Select(m => Advance(m, iterations)).Where(s => s is not null).OrderByDescending(s => Rank(s!)).ToList();
            var survivors = halving ? Math.Max(keep, advanced.Count / 2) : keep;
            pool = [.. advanced.Take(survivors).Select(s => s!.Mixture)];
            iterations *= 2;
        } while (halving && pool.Count > keep);
        var best = double.NegativeInfinity;
        foreach (var start in pool)
        {
            var value = Fitting.FitFrom(family, data, start, Tight, degeneracy: Policy).Match(
                Right: fit => fit.FinalState.Repairs.IsEmpty ? fit.FinalState.MeanLogLikelihood * data.TotalWeight : double.NegativeInfinity, Left: _ => double.NegativeInfinity);
            best = Math.Max(best, value);
        }
        return best;
    }

    /// <summary>The core's search from a spec such as <c>search hc=1 kpp=20 rfd=10 it=5</c> (missing keys: the defaults).</summary>
    private static InitializationStrategy Search(string spec)
    {
        var p = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => t.Split('='))
            .ToDictionary(t => t[0], t => int.Parse(t[1], CultureInfo.InvariantCulture));
        var d = InitializationStrategy.ShortEm.Default;
        int Get(string key, int fallback) => p.TryGetValue(key, out var v) ? v : fallback;
        return new InitializationStrategy.ShortEm(Get("hc", d.WithHierarchical ? 1 : 0) == 1, Get("kpp", d.KMeansPlusPlusStarts), Get("rfd", d.RandomFromDataStarts), Get("it", d.ShortIterations), Get("rr", d.RandomResponsibilityStarts), Get("sm", d.SplitMergeRounds), Get("pairs", d.SplitMergePairs));
    }

    private static readonly (string Name, Strategy Run)[] Strategies =
    [
        ("default", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 1, StoppingRule.Default())),
        ("default-polished", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 1, Tight)),
        ("hc", (f, d, k) => Run(f, d, k, new InitializationStrategy.Hierarchical(), 1, Tight)),
        ("kmeans++x10", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 10, Tight)),
        ("kmeansx10", (f, d, k) => Run(f, d, k, new InitializationStrategy.KMeans(), 10, Tight)),
        ("hc+kmeans++x3", (f, d, k) => Math.Max(Run(f, d, k, new InitializationStrategy.Hierarchical(), 1, Tight), Run(f, d, k, new InitializationStrategy.KMeansPlusPlus(), 3, Tight))),
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
        var strategies = Strategies.Where(s => chosen.Count == 0 || chosen.Contains(s.Name))
            .Concat(chosen.Where(c => c.StartsWith("short ", StringComparison.Ordinal)).Select(c => (c, (Strategy)((f, d, k) => ShortEm(f, d, k, c)))))
            .Concat(chosen.Where(c => c.StartsWith("search", StringComparison.Ordinal)).Select(c => (c, (Strategy)((f, d, k) => Run(f, d, k, Search(c), 1, Tight)))));
        var only = Environment.GetEnvironmentVariable("SEARCH_DATASETS")?.Split(',').ToHashSet();
        if (only is not null) cells = [.. cells.Where(c => only.Contains(c.Dataset))];
        foreach (var (name, strategy) in strategies)
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
