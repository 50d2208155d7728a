using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;

namespace EmFunctional;

/// <summary>
/// A fitted Gaussian mixture: immutable parameters, how the fit went, and inference on new rows.
/// </summary>
public sealed class GaussianMixtureModel
{
    private readonly GaussianFamily _family;
    private readonly Mixture<GaussianComponent> _mixture;

    internal GaussianMixtureModel(GaussianFamily family, FitResult<GaussianComponent> result, int dimensions, CovarianceType covariance)
    {
        _family = family;
        _mixture = result.Mixture;
        Dimensions = dimensions;
        Covariance = covariance;
        Parameters = Conversions.ToParameters(result.Mixture);
        LogLikelihood = result.LogLikelihood;
        SampleSize = result.TotalWeight;
        FreeParameters = result.FreeParameters;
        Iterations = result.Iterations;
        StopReason = Conversions.ToStopReason(result.StopReason);
        BestRestart = result.BestRestart;
        Restarts = [.. result.Restarts.Map(Conversions.ToSummary)];
    }

    /// <summary>Number of components K.</summary>
    public int Components => Parameters.Components;

    /// <summary>Dimension D of the rows it was fitted on.</summary>
    public int Dimensions { get; }

    /// <summary>Covariance parametrization.</summary>
    public CovarianceType Covariance { get; }

    /// <summary>Weights, means and full covariances.</summary>
    public GaussianMixtureParameters Parameters { get; }

    /// <summary>π_1 … π_K.</summary>
    public ImmutableArray<double> Weights => Parameters.Weights;

    /// <summary>μ_1 … μ_K.</summary>
    public ImmutableArray<ImmutableArray<double>> Means => Parameters.Means;

    /// <summary>Σ_1 … Σ_K as full D×D matrices.</summary>
    public ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances => Parameters.Covariances;

    /// <summary>Σ_i w_i log p(x_i) at the returned parameters, on the training data.</summary>
    public double LogLikelihood { get; }

    /// <summary>n = Σ_i w_i (the number of rows when unweighted).</summary>
    public double SampleSize { get; }

    /// <summary><see cref="LogLikelihood"/> / <see cref="SampleSize"/>.</summary>
    public double MeanLogLikelihood => LogLikelihood / SampleSize;

    /// <summary>(K − 1) + K·D + covariance parameters (see docs/numerics.md).</summary>
    public int FreeParameters { get; }

    /// <summary>EM iterations of the winning restart.</summary>
    public int Iterations { get; }

    /// <summary>Why the winning restart stopped.</summary>
    public StopReason StopReason { get; }

    /// <summary>True when a convergence rule stopped the winning restart.</summary>
    public bool Converged => StopReason is StopReason.LogLikelihoodConverged or StopReason.ResponsibilitiesConverged;

    /// <summary>Index of the winning restart in <see cref="Restarts"/>.</summary>
    public int BestRestart { get; }

    /// <summary>Every restart, failed ones included, with its trace.</summary>
    public ImmutableArray<RestartSummary> Restarts { get; }

    /// <summary>BIC on the training data: −2 log L + p ln n. Lower is better (scikit-learn's convention; mclust's is the negative).</summary>
    public double Bic() => InformationCriteria.Bic(LogLikelihood, FreeParameters, SampleSize);

    /// <summary>AIC on the training data: −2 log L + 2p. Lower is better.</summary>
    public double Aic() => InformationCriteria.Aic(LogLikelihood, FreeParameters);

    /// <summary>BIC of the model on other rows.</summary>
    public double Bic(double[][] data) => InformationCriteria.Bic(TotalLogLikelihood(Conversions.ToDataset(data, Dimensions)), FreeParameters, data.Length);

    /// <summary>AIC of the model on other rows.</summary>
    public double Aic(double[][] data) => InformationCriteria.Aic(TotalLogLikelihood(Conversions.ToDataset(data, Dimensions)), FreeParameters);

    /// <summary>The most probable component of each row (0-based).</summary>
    public int[] Predict(double[][] data) => Inference.Labels(Evaluate(Conversions.ToDataset(data, Dimensions)).Responsibilities, Components);

    /// <inheritdoc cref="Predict(double[][])"/>
    public int[] Predict(double[,] data) => Inference.Labels(Evaluate(Conversions.ToDataset(data, Dimensions)).Responsibilities, Components);

    /// <summary>Responsibilities p(k | x_i): one row of K probabilities summing to 1 per data row.</summary>
    public double[][] PredictProba(double[][] data)
    {
        var responsibilities = Evaluate(Conversions.ToDataset(data, Dimensions)).Responsibilities;
        return Enumerable.Range(0, data.Length).Select(i => responsibilities.AsSpan(i * Components, Components).ToArray()).ToArray();
    }

    /// <inheritdoc cref="PredictProba(double[][])"/>
    public double[,] PredictProba(double[,] data)
    {
        var responsibilities = Evaluate(Conversions.ToDataset(data, Dimensions)).Responsibilities;
        var result = new double[data.GetLength(0), Components];
        Buffer.BlockCopy(responsibilities, 0, result, 0, responsibilities.Length * sizeof(double));
        return result;
    }

    /// <summary>log p(x_i) for each row: the log of the mixture density.</summary>
    public double[] ScoreSamples(double[][] data) => LogDensities(Conversions.ToDataset(data, Dimensions));

    /// <inheritdoc cref="ScoreSamples(double[][])"/>
    public double[] ScoreSamples(double[,] data) => LogDensities(Conversions.ToDataset(data, Dimensions));

    /// <summary>Mean log-likelihood per row (weighted by <paramref name="sampleWeights"/> when given).</summary>
    public double Score(double[][] data, double[]? sampleWeights = null)
    {
        var dataset = Conversions.ToDataset(data, Dimensions);
        if (sampleWeights is not null) dataset = Conversions.ToDataset(data, sampleWeights);
        return TotalLogLikelihood(dataset) / dataset.TotalWeight;
    }

    /// <summary>
    /// <paramref name="count"/> rows drawn from the mixture with the component each came from;
    /// deterministic for a <paramref name="seed"/>.
    /// </summary>
    public GaussianSample Sample(int count, long seed = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be ≥ 0");
        var (rows, labels) = Inference.Sample(_family, _mixture, Dimensions, count, unchecked((ulong)seed));
        return new GaussianSample(
            Enumerable.Range(0, count).Select(i => rows.AsSpan(i * Dimensions, Dimensions).ToArray()).ToArray(),
            labels);
    }

    private (double[] Responsibilities, double[] LogDensities) Evaluate(Dataset data) =>
        Inference.Evaluate(_family, data, _mixture).OrThrow();

    private double[] LogDensities(Dataset data) => Inference.LogDensities(_family, data, _mixture).OrThrow();

    private double TotalLogLikelihood(Dataset data) => Inference.LogLikelihood(_family, data, _mixture).OrThrow();
}
