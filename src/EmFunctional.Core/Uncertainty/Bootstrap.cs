using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Uncertainty;

/// <summary>How a bootstrap replicate perturbs the data (mclust's <c>MclustBootstrap</c> types).</summary>
public enum BootstrapKind
{
    /// <summary>N rows drawn with replacement (mclust "bs").</summary>
    Nonparametric,

    /// <summary>The same rows, each weighted by an Exp(1) draw divided by the largest (mclust "wlbs", Newton and Raftery 1994).</summary>
    WeightedLikelihood,

    /// <summary>N rows drawn from the fitted mixture (mclust "pb").</summary>
    Parametric,
}

/// <summary>
/// Bootstrap replicates of a fitted mixture, for standard errors and intervals of its parameters. Each
/// replicate perturbs the data (<see cref="BootstrapKind"/>) and refits by EM started from the fitted model's
/// responsibilities of the replicate's rows, as mclust does: the replicate's component k is the fitted
/// model's component k, so no label switching needs undoing. Replicate b draws from
/// <c>RandomSource.DeriveSeed(seed, b)</c>, so the replicates do not depend on the threads that run them.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// <paramref name="replicates"/> refitted mixtures in replicate order; None for a replicate whose refit failed
    /// (a component emptied, say), which callers count and leave out. Left when the fitted mixture cannot
    /// evaluate the data (a value its family cannot model).
    /// </summary>
    public static Either<Error, Option<Mixture<TComponent>>[]> Replicates<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> fitted,
        BootstrapKind kind,
        int replicates,
        ulong seed,
        StoppingRule stopping,
        int maxDegreeOfParallelism = -1)
        where TStatistics : IComponentStatistics =>
        Inference.Evaluate(family, data, fitted).Map(evaluated => Run(family, data, fitted, evaluated.Responsibilities, kind, replicates, seed, stopping, maxDegreeOfParallelism));

    private static Option<Mixture<TComponent>>[] Run<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> fitted, double[] responsibilities,
        BootstrapKind kind, int replicates, ulong seed, StoppingRule stopping, int maxDegreeOfParallelism)
        where TStatistics : IComponentStatistics
    {
        var k = fitted.Count;
        var results = new Option<Mixture<TComponent>>[replicates];
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
        {
            var random = RandomSource.Create(RandomSource.DeriveSeed(seed, b));
            var (replicate, startResponsibilities) = Perturb(family, data, fitted, responsibilities, kind, ref random);
            results[b] = replicate.Bind(sample =>
                Em.EstimateFromResponsibilities(family, sample, k, (first, rows, target) =>
                        startResponsibilities.AsSpan(first * k, rows * k).CopyTo(target))
                    .Bind(start => Fitting.FitFrom(family, sample, start, stopping, maxDegreeOfParallelism: 1))
                    .Map(fit => fit.Mixture)
                    .ToOption());
        });
        return results;
    }

    /// <summary>The replicate's data set and the start's responsibilities of its rows.</summary>
    private static (Option<Dataset> Data, double[] Responsibilities) Perturb<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> fitted, double[] responsibilities, BootstrapKind kind, ref RandomSource random)
        where TStatistics : IComponentStatistics
    {
        var (n, d, k) = (data.Rows, data.Columns, fitted.Count);
        switch (kind)
        {
            case BootstrapKind.Nonparametric:
            {
                var values = new double[n * d];
                var weights = data.IsWeighted ? new double[n] : null;
                var start = new double[n * k];
                for (var i = 0; i < n; i++)
                {
                    var row = random.NextInt(n);
                    data.Row(row).CopyTo(values.AsSpan(i * d, d));
                    if (weights is not null) weights[i] = data.Weight(row);
                    responsibilities.AsSpan(row * k, k).CopyTo(start.AsSpan(i * k, k));
                }
                return (Make(values, n, d, weights, data.HasMissing), start);
            }
            case BootstrapKind.WeightedLikelihood:
            {
                var weights = new double[n];
                for (var i = 0; i < n; i++) weights[i] = -Math.Log(1 - random.NextDouble());
                var largest = weights.Max();
                for (var i = 0; i < n; i++) weights[i] = weights[i] / largest * data.Weight(i);
                return (Make(data.Values.ToArray(), n, d, weights, data.HasMissing), responsibilities);
            }
            default:
            {
                var (rows, _) = Inference.Sample(family, fitted, d, n, random.NextBits());
                var sample = Make(rows, n, d, null, allowMissing: false);
                var start = sample.Bind(s => Inference.Evaluate(family, s, fitted).Map(r => r.Responsibilities).ToOption()).IfNone(() => new double[n * k]);
                return (sample, start);
            }
        }
    }

    private static Option<Dataset> Make(double[] values, int rows, int columns, double[]? weights, bool allowMissing) =>
        Dataset.Create(values, rows, columns, weights ?? default(ReadOnlySpan<double>), allowMissing).ToOption();
}
