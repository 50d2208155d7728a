using System.Collections.Concurrent;
using System.Diagnostics;
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using MathNet.Numerics.LinearAlgebra;
// The facade (namespace EmFunctional, which encloses this one) has its own StopReason; these tests use the core's.
using CoreStopReason = EmFunctional.Core.Convergence.StopReason;

namespace EmFunctional.Tests.Reference;

/// <summary>
/// Our fits of every reference case (faithful and iris × full/diag/spherical/tied × K = 1..6), computed
/// once for <see cref="RestartAgreementTests"/>, in parallel: regularization 1e-6, tolerance 1e-6 on the
/// mean log-likelihood, at most 1000 iterations (the reference settings), and
/// <see cref="RestartsPerInitialization"/> restarts from each of k-means (scikit-learn's default start,
/// so our runs are comparable with its n_init=10) and k-means++ seeds (seed 0 for both).
/// </summary>
public sealed class RestartFits
{
    /// <summary>Restarts per initialization strategy (two strategies, so twice this many in all).</summary>
    public const int RestartsPerInitialization = 15;

    /// <summary>Regularization, tolerance and iteration cap of the reference runs.</summary>
    public const double Regularization = 1e-6;

    /// <summary>Tolerance on the change of the mean log-likelihood.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Iteration cap.</summary>
    public const int MaximumIterations = 1000;

    public static readonly int[] ComponentCounts = [1, 2, 3, 4, 5, 6];

    private static readonly (string Name, InitializationStrategy Strategy)[] Initializations =
    [
        ("k-means", new InitializationStrategy.KMeans()),
        ("k-means++", new InitializationStrategy.KMeansPlusPlus()),
    ];

    public RestartFits()
    {
        var stopwatch = Stopwatch.StartNew();
        var cases = (from dataSet in ReferenceFiles.DataSets
                     from kind in ReferenceFiles.KindNames
                     from components in ComponentCounts
                     select (dataSet, kind, components))
            .OrderByDescending(c => c.components) // the costly cases first, so both cores stay busy to the end
            .ToArray();
        var data = ReferenceFiles.DataSets.ToDictionary(name => name, TestData.LoadDataset);
        var results = new ConcurrentDictionary<(string, string, int), OurFit>();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(cases, loadBalance: true), c =>
            results[c] = FitCase(data[c.dataSet], ReferenceFiles.Fit(c.dataSet, c.kind, c.components)));
        Cases = results;
        Elapsed = stopwatch.Elapsed;
    }

    /// <summary>Our fit of each (data set, kind, K).</summary>
    public IReadOnlyDictionary<(string DataSet, string Kind, int Components), OurFit> Cases { get; }

    /// <summary>Wall-clock time of all fits.</summary>
    public TimeSpan Elapsed { get; }

    public OurFit this[string dataSet, string kind, int components] => Cases[(dataSet, kind, components)];

    private static OurFit FitCase(Dataset data, FitReference reference)
    {
        var family = new GaussianFamily(ReferenceFiles.Kind(reference.Kind), Regularization);
        var restarts = new List<OurRestart>();
        var fits = new List<FitResult<GaussianComponent>>();
        var failed = 0;
        foreach (var (name, strategy) in Initializations)
        {
            var options = new EmOptions(StoppingRule.Default(Tolerance, MaximumIterations), strategy, RestartsPerInitialization, Seed: 0);
            var fit = Fitting.Fit(family, data, reference.Components, options).Match(
                Right: result => result,
                Left: error => throw new InvalidOperationException($"{reference.DataSet} {reference.Kind} K={reference.Components} ({name}): every restart failed: {error.Message}"));
            fits.Add(fit);
            foreach (var restart in fit.Restarts)
            {
                restart.Outcome.Match(
                    Right: outcome => restarts.Add(new OurRestart(
                        name,
                        restart.Index,
                        outcome.LogLikelihood,
                        outcome.State.Mixture,
                        outcome.State.Iteration,
                        outcome.State.StopReason.IfNone(CoreStopReason.MaximumIterations),
                        IsNearSingular(outcome.State.Mixture, data.TotalWeight, data.Columns))),
                    Left: _ => failed++);
            }
        }
        return new OurFit(reference, data, fits, restarts, failed);
    }

    /// <summary>
    /// The reference files' definition: the smallest eigenvalue of some (regularized) component covariance
    /// is below 1e-4 (100 × the regularization), or some component has n·π_k &lt; D + 1. Such a fit is a
    /// spike on repeated values whose likelihood the regularization sets.
    /// </summary>
    public static bool IsNearSingular(Mixture<GaussianComponent> mixture, double sampleSize, int dimensions)
    {
        for (var c = 0; c < mixture.Count; c++)
        {
            if (sampleSize * mixture.Weights[c] < dimensions + 1) return true;
            if (SmallestEigenvalue(mixture.Components[c]) < 100 * Regularization) return true;
        }
        return false;
    }

    public static double SmallestEigenvalue(GaussianComponent component) =>
        component.CovarianceMatrix.Evd(Symmetricity.Symmetric).EigenValues.Min(value => value.Real);
}

/// <summary>One restart of ours that ended without error.</summary>
public sealed record OurRestart(
    string Initialization,
    int Index,
    double LogLikelihood,
    Mixture<GaussianComponent> Mixture,
    int Iterations,
    CoreStopReason StopReason,
    bool NearSingular);

/// <summary>All our restarts for one reference case.</summary>
public sealed record OurFit(
    FitReference Reference,
    Dataset Data,
    IReadOnlyList<FitResult<GaussianComponent>> Fits,
    IReadOnlyList<OurRestart> Restarts,
    int FailedRestarts)
{
    /// <summary>The best restart that is not near-singular (the reference's best_loglik excludes those too).</summary>
    public OurRestart? Best => Restarts.Where(r => !r.NearSingular).MaxBy(r => r.LogLikelihood);

    /// <summary>What <see cref="Fitting.Fit{TComponent,TStatistics}"/> itself picked: the best of all restarts, near-singular ones included.</summary>
    public double FitChoiceLogLikelihood => Fits.Max(fit => fit.LogLikelihood);

    public int NearSingularRestarts => Restarts.Count(r => r.NearSingular);

    /// <summary>Restarts (not near-singular) within <paramref name="tolerance"/> relative of <paramref name="target"/>.</summary>
    public IEnumerable<OurRestart> Reaching(double target, double tolerance) =>
        Restarts.Where(r => !r.NearSingular && Math.Abs(r.LogLikelihood - target) <= tolerance * Math.Abs(target));
}
