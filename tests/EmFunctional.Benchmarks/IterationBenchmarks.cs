using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Benchmarks;

/// <summary>
/// A short job so that the whole suite stays within about ten minutes on two cores even on slow kernels:
/// one launch, two warm-up and five measured iterations (an iteration of a big case is a single EM step).
/// MemoryDiagnoser gives the Allocated column: managed bytes allocated per EM iteration, which must not
/// grow with N.
/// </summary>
public sealed class ShortConfig : ManualConfig
{
    /// <summary>The job and columns every benchmark class here uses.</summary>
    public ShortConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>One benchmark case: N rows, D columns, K components, and a covariance kind for Gaussians.</summary>
public sealed record GaussianCase(int Rows, int Columns, int Components, CovarianceKind Kind)
{
    /// <inheritdoc />
    /// <remarks>Short (BenchmarkDotNet cuts parameter texts after 20 characters): "1e6,10,10,full".</remarks>
    public override string ToString() =>
        $"1e{Math.Round(Math.Log10(Rows))},{Columns},{Components},{(Kind == CovarianceKind.Full ? "full" : "diag")}";
}

/// <summary>
/// Time of one EM step (E-step + M-step, <see cref="Em.Step"/>
/// taken for exactly one element; tolerance plays no part) for Gaussian mixtures. The data are generated
/// once per case from a fixed seed in the global setup, and every invocation starts from the same given
/// mixture (K data rows as means, identity covariances, uniform weights), so initialization is not timed
/// and every invocation does the same work.
/// </summary>
[Config(typeof(ShortConfig))]
public class GaussianIteration
{
    private Dataset _data = null!;
    private GaussianFamily _family = null!;
    private Mixture<GaussianComponent> _start = null!;

    /// <summary>The issue's table, plus (10⁵, 10, 10, full) to show that allocations do not grow with N.</summary>
    public static IEnumerable<GaussianCase> Cases() =>
    [
        new(100_000, 2, 3, CovarianceKind.Full),
        new(100_000, 2, 3, CovarianceKind.Diagonal),
        new(1_000_000, 10, 10, CovarianceKind.Full),
        new(1_000_000, 10, 10, CovarianceKind.Diagonal),
        new(100_000, 50, 10, CovarianceKind.Full),
        new(100_000, 50, 10, CovarianceKind.Diagonal),
        new(1_000_000, 50, 3, CovarianceKind.Diagonal),
        new(100_000, 10, 10, CovarianceKind.Full),
    ];

    /// <summary>The case this run measures.</summary>
    [ParamsSource(nameof(Cases))]
    public GaussianCase Case { get; set; } = null!;

    /// <summary>Generates the data and the start (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var values = Synthetic.GaussianClusters(Case.Rows, Case.Columns, Case.Components, seed: 20261);
        _data = Synthetic.ToDataset(values, Case.Rows, Case.Columns);
        _family = new GaussianFamily(Case.Kind);
        _start = Synthetic.GaussianStart(_data, Case.Kind, Case.Components, seed: 7);
        Synthetic.Unwrap(Step());
    }

    /// <summary>One EM step from the start, on all cores (the driver's default).</summary>
    [Benchmark]
    public Either<Error, EmState<GaussianComponent>> Step() => Em.Step(_family, _data, EmState<GaussianComponent>.Initial(_start));
}

/// <summary>
/// One EM step of a Bernoulli (latent class) mixture: 10⁶ rows × 50 binary features, K = 10, from a
/// start with probabilities uniform in [0.25, 0.75] (same protocol as <see cref="GaussianIteration"/>).
/// </summary>
[Config(typeof(ShortConfig))]
public class BernoulliIteration
{
    private Dataset _data = null!;
    private readonly BernoulliFamily _family = new();
    private Mixture<BernoulliComponent> _start = null!;

    /// <summary>Rows N.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Binary features D.</summary>
    [Params(50)]
    public int Columns { get; set; }

    /// <summary>Components K.</summary>
    [Params(10)]
    public int Components { get; set; }

    /// <summary>Generates the data and the start (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = Synthetic.ToDataset(Synthetic.BernoulliClasses(Rows, Columns, Components, seed: 20262), Rows, Columns);
        _start = Synthetic.BernoulliStart(Columns, Components, seed: 7);
        Synthetic.Unwrap(Step());
    }

    /// <summary>One EM step from the start, on all cores.</summary>
    [Benchmark]
    public Either<Error, EmState<BernoulliComponent>> Step() => Em.Step(_family, _data, EmState<BernoulliComponent>.Initial(_start));
}

/// <summary>
/// Thread scaling at (10⁶, 10, 10, full): one EM step with maxDegreeOfParallelism 1 and 2. The target
/// is a throughput on 2 threads of at least 1.7× that on one (time(1) / time(2) ≥ 1.7).
/// </summary>
[Config(typeof(ShortConfig))]
public class ThreadScaling
{
    private Dataset _data = null!;
    private readonly GaussianFamily _family = new(CovarianceKind.Full);
    private Mixture<GaussianComponent> _start = null!;

    /// <summary>maxDegreeOfParallelism passed to the driver.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Generates the data and the start (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = Synthetic.ToDataset(Synthetic.GaussianClusters(1_000_000, 10, 10, seed: 20261), 1_000_000, 10);
        _start = Synthetic.GaussianStart(_data, CovarianceKind.Full, 10, seed: 7);
        Synthetic.Unwrap(Step());
    }

    /// <summary>One EM step from the start on <see cref="Threads"/> threads.</summary>
    [Benchmark]
    public Either<Error, EmState<GaussianComponent>> Step() => Driver.Iterate(_family, _data, _start, Threads).First();
}
