using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Selection;

namespace EmFunctional;

/// <summary>
/// What every fitted mixture offers, whatever its family: the weights, how the fit went (log-likelihood,
/// iterations, stop reason, every restart), information criteria, and inference on new rows.
/// </summary>
[System.Diagnostics.DebuggerDisplay("{ToString(),nq}")]
public abstract class MixtureModel
{
    private readonly IMixtureEvaluator _evaluator;

    private protected MixtureModel(IMixtureEvaluator evaluator, int dimensions, ImmutableArray<double> weights, FitResultSummary summary)
    {
        _evaluator = evaluator;
        Dimensions = dimensions;
        Weights = weights;
        LogLikelihood = summary.LogLikelihood;
        LogPrior = summary.LogPrior;
        SampleSize = summary.SampleSize;
        FreeParameters = summary.FreeParameters;
        Iterations = summary.Iterations;
        StopReason = summary.StopReason;
        BestRestart = summary.BestRestart;
        Restarts = summary.Restarts;
        MissingCellsByColumn = summary.MissingCellsByColumn.Length == dimensions ? summary.MissingCellsByColumn : [.. new int[dimensions]];
    }

    /// <summary>
    /// Missing cells (NaN) of the data the model was fitted on, per column; zeros when none. With missing
    /// cells, <see cref="LogLikelihood"/> is the log-likelihood of the observed cells.
    /// </summary>
    public ImmutableArray<int> MissingCellsByColumn { get; }

    private readonly ImmutableArray<string?> _componentLabels;

    /// <summary>
    /// The class name of each component: the known label that named it in a partially labelled fit
    /// (<see cref="EmSettings.KnownLabels"/>), null for an unnamed component (every component of an
    /// unlabelled fit). Saved in the model file.
    /// </summary>
    public ImmutableArray<string?> ComponentLabels
    {
        get => _componentLabels.IsDefault ? [.. Enumerable.Repeat<string?>(null, Components)] : _componentLabels;
        internal init => _componentLabels = value.IsDefault || value.Length == Components ? value : throw new ArgumentException($"{value.Length} component labels for {Components} components");
    }

    /// <summary>Number of missing cells of the data the model was fitted on.</summary>
    public int MissingCells => MissingCellsByColumn.Sum();

    /// <summary>Number of components K.</summary>
    public int Components => Weights.Length;

    /// <summary>Number of columns D of the rows it was fitted on.</summary>
    public int Dimensions { get; }

    /// <summary>π_1 … π_K (summing to 1 − <see cref="NoiseWeight"/>).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>The label <see cref="Predict(double[][])"/> gives a row the noise component explains best.</summary>
    public const int NoiseLabel = -1;

    /// <summary>The noise component (<see cref="NoiseOptions"/>), or null for a model without one.</summary>
    public NoiseComponent? Noise { get; private protected init; }

    /// <summary>π_0, the noise component's weight; 0 without one.</summary>
    public double NoiseWeight => Noise?.Weight ?? 0;

    /// <summary>The columns of the responsibilities: one per component, and last the noise component's.</summary>
    private int ResponsibilityColumns => Components + (Noise is null ? 0 : 1);

    /// <summary>Per component, the expected value of every column.</summary>
    public abstract ImmutableArray<ImmutableArray<double>> Means { get; }

    /// <summary>
    /// Per component, the covariance of the columns as a full D×D matrix. A model whose components hold
    /// no covariance across columns (diagonal or spherical Gaussians, families other than the Gaussian)
    /// builds it on first use: K × D × D numbers, where <see cref="Variances"/> has K × D.
    /// </summary>
    public abstract ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances { get; }

    /// <summary>Per component, Var[x_j] for every column (the diagonal of <see cref="Covariances"/>), without building a D×D matrix.</summary>
    public abstract ImmutableArray<ImmutableArray<double>> Variances { get; }

    /// <summary>Σ_i w_i log p(x_i) at the returned parameters, on the training data.</summary>
    public double LogLikelihood { get; }

    /// <summary>log p(θ, π) of the returned parameters: 0 for maximum likelihood.</summary>
    public double LogPrior { get; }

    /// <summary><see cref="LogLikelihood"/> + <see cref="LogPrior"/>: what the fit maximized.</summary>
    public double LogPosterior => LogLikelihood + LogPrior;

    /// <summary>n = Σ_i w_i (the number of rows when unweighted).</summary>
    public double SampleSize { get; }

    /// <summary><see cref="LogLikelihood"/> / <see cref="SampleSize"/>.</summary>
    public double MeanLogLikelihood => LogLikelihood / SampleSize;

    /// <summary>(K − 1) + the components' parameters (docs/numerics.md and docs/families.md give the counts).</summary>
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

    /// <summary>
    /// What was done to degenerate components along the winning restart, in order (empty when nothing
    /// degenerated; see <see cref="DegenerateComponentPolicy"/>). Events of the last iteration describe the
    /// model as it is: for example, a component that is still collapsed onto duplicate rows.
    /// </summary>
    public ImmutableArray<ComponentEvent> Events => BestRestart >= 0 && BestRestart < Restarts.Length ? Restarts[BestRestart].Events : [];

    /// <summary>What the model is, in one line: "Gaussian mixture, 2 components, full covariance (VVV), log-likelihood -1130.26, BIC 2322.19".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Description}, {Components} component{(Components == 1 ? "" : "s")}{CovarianceDescription}, log-likelihood {LogLikelihood:0.##}, BIC {Bic():0.##}");

    /// <summary>"Gaussian mixture", "Mixture of Gaussian and Poisson columns", …</summary>
    private protected abstract string Description { get; }

    /// <summary>", full covariance (VVV)", or "" when no column is Gaussian.</summary>
    private protected abstract string CovarianceDescription { get; }

    /// <summary>", full covariance (VVV)" for the four historical types, ", VEV covariance" for mclust's others.</summary>
    private protected static string Describe(CovarianceType covariance) =>
        CovarianceTypes.IsHistorical(covariance)
            ? $", {covariance.ToString().ToLowerInvariant()} covariance ({CovarianceTypes.MclustName(covariance)})"
            : $", {CovarianceTypes.MclustName(covariance)} covariance";

    /// <summary>BIC on the training data: −2 log L + p ln n. Lower is better (scikit-learn's convention; mclust's is the negative).</summary>
    public double Bic() => InformationCriteria.Bic(LogLikelihood, FreeParameters, SampleSize);

    /// <summary>AIC on the training data: −2 log L + 2p. Lower is better.</summary>
    public double Aic() => InformationCriteria.Aic(LogLikelihood, FreeParameters);

    /// <summary>BIC of the model on other rows.</summary>
    public double Bic(double[][] data) => InformationCriteria.Bic(_evaluator.LogLikelihood(Checked(data)), FreeParameters, data.Length);

    /// <inheritdoc cref="Bic(double[][])"/>
    public double Bic(double[,] data) => InformationCriteria.Bic(_evaluator.LogLikelihood(Checked(data)), FreeParameters, data.GetLength(0));

    /// <summary>AIC of the model on other rows.</summary>
    public double Aic(double[][] data) => InformationCriteria.Aic(_evaluator.LogLikelihood(Checked(data)), FreeParameters);

    /// <inheritdoc cref="Aic(double[][])"/>
    public double Aic(double[,] data) => InformationCriteria.Aic(_evaluator.LogLikelihood(Checked(data)), FreeParameters);

    /// <summary>The most probable component of each row (0-based); <see cref="NoiseLabel"/> (−1) where the noise component is.</summary>
    public int[] Predict(double[][] data) => Labels(_evaluator.Evaluate(Checked(data)).Responsibilities);

    /// <inheritdoc cref="Predict(double[][])"/>
    public int[] Predict(double[,] data) => Labels(_evaluator.Evaluate(Checked(data)).Responsibilities);

    private int[] Labels(double[] responsibilities) =>
        [.. Inference.Labels(responsibilities, ResponsibilityColumns).Select(label => label == Components ? NoiseLabel : label)];

    /// <summary>
    /// Responsibilities p(k | x_i): one row of K probabilities summing to 1 per data row; with a noise component,
    /// K + 1, the noise component's last.
    /// </summary>
    public double[][] PredictProba(double[][] data)
    {
        var responsibilities = _evaluator.Evaluate(Checked(data)).Responsibilities;
        var width = ResponsibilityColumns;
        return Enumerable.Range(0, data.Length).Select(i => responsibilities.AsSpan(i * width, width).ToArray()).ToArray();
    }

    /// <inheritdoc cref="PredictProba(double[][])"/>
    public double[,] PredictProba(double[,] data)
    {
        var responsibilities = _evaluator.Evaluate(Checked(data)).Responsibilities;
        var result = new double[data.GetLength(0), ResponsibilityColumns];
        Buffer.BlockCopy(responsibilities, 0, result, 0, responsibilities.Length * sizeof(double));
        return result;
    }

    /// <summary>log p(x_i) for each row: the log of the mixture density.</summary>
    public double[] ScoreSamples(double[][] data) => _evaluator.LogDensities(Checked(data));

    /// <summary>The EM settings of the fit that made the model (its stopping rule and threads serve <see cref="Bootstrap(double[][], int, long, BootstrapType, double)"/>).</summary>
    private protected abstract EmSettings Settings { get; }

    /// <summary>
    /// Bootstrap standard errors and percentile intervals of the weights, means and variances (mclust's
    /// <c>MclustBootstrap</c>): <paramref name="replicates"/> times, the rows are perturbed as
    /// <paramref name="type"/> says and the model refitted by EM from its own responsibilities of the rows
    /// (so replicate component k is this model's component k), with this model's tolerance and iteration cap.
    /// Replicates run in parallel; replicate b draws from a seed derived from <paramref name="seed"/> and b,
    /// so the result does not depend on the threads. Refits that fail are counted in
    /// <see cref="BootstrapResult.Failed"/> and left out.
    /// </summary>
    /// <param name="data">The rows the model was fitted on (or rows like them), NaN for a missing cell.</param>
    /// <param name="replicates">At least 2; mclust's default is 999.</param>
    /// <param name="seed">Every random draw derives from it.</param>
    /// <param name="type">Nonparametric (rows with replacement), weighted likelihood or parametric.</param>
    /// <param name="level">The intervals' coverage, in (0, 1).</param>
    /// <exception cref="ArgumentException">Bad arguments or data, or fewer than 2 replicates succeeded.</exception>
    public BootstrapResult Bootstrap(double[][] data, int replicates = 999, long seed = 0, BootstrapType type = BootstrapType.Nonparametric, double level = 0.95) =>
        Bootstrapped(Checked(data), replicates, seed, type, level);

    /// <inheritdoc cref="Bootstrap(double[][], int, long, BootstrapType, double)"/>
    public BootstrapResult Bootstrap(double[,] data, int replicates = 999, long seed = 0, BootstrapType type = BootstrapType.Nonparametric, double level = 0.95) =>
        Bootstrapped(Checked(data), replicates, seed, type, level);

    private BootstrapResult Bootstrapped(Dataset data, int replicates, long seed, BootstrapType type, double level)
    {
        if (Noise is not null) throw new ArgumentException("the model has a noise component, which the bootstrap does not resample yet; bootstrap a model fitted without one", nameof(data));
        if (replicates < 2) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "replicates must be at least 2");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must be in (0, 1), e.g. 0.95");
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "unknown bootstrap type");
        var kind = type switch
        {
            BootstrapType.WeightedLikelihood => Core.Uncertainty.BootstrapKind.WeightedLikelihood,
            BootstrapType.Parametric => Core.Uncertainty.BootstrapKind.Parametric,
            _ => Core.Uncertainty.BootstrapKind.Nonparametric,
        };
        var settings = Settings;
        var stopping = Core.Convergence.StoppingRule.Default(settings.Tolerance, settings.MaxIterations);
        var results = _evaluator.Bootstrap(data, kind, replicates, unchecked((ulong)seed), stopping, settings.MaxDegreeOfParallelism);
        var succeeded = results.OfType<ReplicateMoments>().ToList();
        if (succeeded.Count < 2)
            throw new ArgumentException($"only {succeeded.Count} of {replicates} bootstrap refits succeeded; the model's components empty on resampled data (fit fewer components, or try the weighted likelihood bootstrap)", nameof(data));
        return BootstrapResult.Of(type, replicates, level, succeeded);
    }

    /// <inheritdoc cref="ScoreSamples(double[][])"/>
    public double[] ScoreSamples(double[,] data) => _evaluator.LogDensities(Checked(data));

    /// <summary>
    /// The rows with every missing cell (NaN) replaced by its conditional mean under the model,
    /// E[x_m | x_o] = Σ_k r_k(x_o) E[x_m | x_o, k] (a categorical cell: the code of highest probability);
    /// observed cells are returned unchanged. Rows need at least one observed cell.
    /// </summary>
    public double[][] Impute(double[][] data)
    {
        var values = _evaluator.Impute(Checked(data));
        return [.. Enumerable.Range(0, data.Length).Select(i => values.AsSpan(i * Dimensions, Dimensions).ToArray())];
    }

    /// <inheritdoc cref="Impute(double[][])"/>
    public double[,] Impute(double[,] data) => ToMatrix(_evaluator.Impute(Checked(data)), data.GetLength(0));

    /// <inheritdoc cref="Impute(double[][], int, long)"/>
    public double[][,] Impute(double[,] data, int draws, long seed)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "draws must be at least 1");
        return [.. _evaluator.ImputeDraws(Checked(data), draws, unchecked((ulong)seed)).Select(values => ToMatrix(values, data.GetLength(0)))];
    }

    private double[,] ToMatrix(double[] values, int rows)
    {
        var matrix = new double[rows, Dimensions];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
        return matrix;
    }

    /// <summary>
    /// Multiple imputation: <paramref name="draws"/> completed copies of the rows, each missing cell drawn
    /// from its conditional distribution given the row's observed cells (a component drawn from r(x_o),
    /// then the cells from it). Deterministic given <paramref name="seed"/>; observed cells unchanged.
    /// </summary>
    public double[][][] Impute(double[][] data, int draws, long seed)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "draws must be at least 1");
        var copies = _evaluator.ImputeDraws(Checked(data), draws, unchecked((ulong)seed));
        return [.. copies.Select(values => Enumerable.Range(0, data.Length).Select(i => values.AsSpan(i * Dimensions, Dimensions).ToArray()).ToArray())];
    }

    /// <summary>Mean log-likelihood per row (weighted by <paramref name="sampleWeights"/> when given).</summary>
    public double Score(double[][] data, double[]? sampleWeights = null)
    {
        var dataset = Checked(data);
        if (sampleWeights is not null) dataset = Conversions.ToDataset(data, sampleWeights);
        return _evaluator.LogLikelihood(dataset) / dataset.TotalWeight;
    }

    /// <inheritdoc cref="Score(double[][], double[])"/>
    public double Score(double[,] data, double[]? sampleWeights = null)
    {
        var dataset = Checked(data);
        if (sampleWeights is not null) dataset = Conversions.ToDataset(data, sampleWeights);
        return _evaluator.LogLikelihood(dataset) / dataset.TotalWeight;
    }

    /// <summary>
    /// <paramref name="count"/> rows drawn from the mixture with the component each came from (<see cref="NoiseLabel"/>
    /// for a row drawn from the noise component, uniformly over its box); deterministic for a <paramref name="seed"/>.
    /// </summary>
    public MixtureSample Sample(int count, long seed = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be ≥ 0");
        var (rows, labels) = _evaluator.Sample(Dimensions, count, unchecked((ulong)seed));
        return new MixtureSample(
            Enumerable.Range(0, count).Select(i => rows.AsSpan(i * Dimensions, Dimensions).ToArray()).ToArray(),
            [.. labels.Select(label => label == Components ? NoiseLabel : label)]);
    }

    /// <summary>
    /// Saves the model to <paramref name="path"/> (atomically), with optional column names; the same as
    /// <see cref="FittedModel.Save"/>, which documents the file and its exceptions. <see cref="FittedModel.Load"/> reads it back.
    /// </summary>
    public void Save(string path, IReadOnlyList<string>? columnNames = null) => FittedModel.Save(this, path, columnNames);

    /// <summary>Rows to evaluate, checked to have the model's width (and, per family, values it can model).</summary>
    private protected virtual Dataset Checked(Dataset data) => data;

    private Dataset Checked(double[][] data) => WithoutMissingForNoise(Checked(Conversions.ToDataset(data, Dimensions)));

    private Dataset Checked(double[,] data) => WithoutMissingForNoise(Checked(Conversions.ToDataset(data, Dimensions)));

    /// <summary>The noise component's uniform density is over whole rows: a row with a missing cell has none yet.</summary>
    private Dataset WithoutMissingForNoise(Dataset data)
    {
        if (Noise is null || !data.HasMissing) return data;
        for (var row = 0; row < data.Rows; row++)
        {
            var values = data.Row(row);
            for (var column = 0; column < values.Length; column++)
                if (double.IsNaN(values[column]))
                    throw new ArgumentException($"row {row + 1}, column {column + 1} is missing, and the model has a noise component, which does not take missing cells yet", "data");
        }
        return data;
    }
}

/// <summary>How a fit went, as plain values for <see cref="MixtureModel"/>.</summary>
internal sealed record FitResultSummary(
    ImmutableArray<int> MissingCellsByColumn,
    double LogLikelihood,
    double LogPrior,
    double SampleSize,
    int FreeParameters,
    int Iterations,
    StopReason StopReason,
    int BestRestart,
    ImmutableArray<RestartSummary> Restarts)
{
    public static FitResultSummary From<TComponent>(FitResult<TComponent> result) => new(
        [.. result.MissingCellsByColumn],
        result.LogLikelihood,
        result.LogPrior,
        result.TotalWeight,
        result.FreeParameters,
        result.Iterations,
        Conversions.ToStopReason(result.StopReason),
        result.BestRestart,
        [.. result.Restarts.Map(Conversions.ToSummary)]);
}
