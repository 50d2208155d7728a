using EmFunctional.Core;
using EmFunctional.Core.Families;

namespace EmFunctional;

/// <summary>A fitted core mixture with its family, behind one non-generic face for the public models.</summary>
internal interface IMixtureEvaluator
{
    (double[] Responsibilities, double[] LogDensities) Evaluate(Dataset data);

    double[] LogDensities(Dataset data);

    double LogLikelihood(Dataset data);

    (double[] Rows, int[] Labels) Sample(int dimensions, int count, ulong seed);

    /// <summary>The data's values with every missing cell at its conditional mean (row-major).</summary>
    double[] Impute(Dataset data);

    /// <summary>Completed copies of the data's values, each missing cell drawn from its conditional distribution.</summary>
    double[][] ImputeDraws(Dataset data, int draws, ulong seed);

    /// <summary>Bootstrap replicates' weights, means and variances (null for a failed refit), in replicate order.</summary>
    ReplicateMoments?[] Bootstrap(Dataset data, Core.Uncertainty.BootstrapKind kind, int replicates, ulong seed, Core.Convergence.StoppingRule stopping, int threads);
}

/// <summary>The core's inference on one fitted mixture, with core errors turned into exceptions.</summary>
/// <param name="family">The fitted family.</param>
/// <param name="mixture">The fitted mixture.</param>
/// <param name="moments">Each column's mean and variance in a component (how the model reports its parameters).</param>
internal sealed class MixtureEvaluator<TComponent, TStatistics>(IComponentFamily<TComponent, TStatistics> family, Mixture<TComponent> mixture, Func<TComponent, (double[] Mean, double[] Variance)> moments)
    : IMixtureEvaluator
    where TStatistics : IComponentStatistics
{
    public (double[] Responsibilities, double[] LogDensities) Evaluate(Dataset data) => Inference.Evaluate(family, data, mixture).OrThrow();

    public double[] LogDensities(Dataset data) => Inference.LogDensities(family, data, mixture).OrThrow();

    public double LogLikelihood(Dataset data) => Inference.LogLikelihood(family, data, mixture).OrThrow();

    public (double[] Rows, int[] Labels) Sample(int dimensions, int count, ulong seed) => Inference.Sample(family, mixture, dimensions, count, seed);

    public double[] Impute(Dataset data) => Core.Missing.Imputation.Impute(family, data, mixture).OrThrow();

    public double[][] ImputeDraws(Dataset data, int draws, ulong seed) => Core.Missing.Imputation.Draw(family, data, mixture, draws, seed).OrThrow();

    public ReplicateMoments?[] Bootstrap(Dataset data, Core.Uncertainty.BootstrapKind kind, int replicates, ulong seed, Core.Convergence.StoppingRule stopping, int threads) =>
        [.. Core.Uncertainty.Bootstrap.Replicates(family, data, mixture, kind, replicates, seed, stopping, threads).OrThrow().Select(replicate => replicate.Match(
            Some: fitted =>
            {
                var parts = fitted.Components.Map(moments).ToArray();
                return new ReplicateMoments([.. fitted.Weights], [.. parts.Select(p => p.Mean)], [.. parts.Select(p => p.Variance)]);
            },
            None: () => (ReplicateMoments?)null))];
}
