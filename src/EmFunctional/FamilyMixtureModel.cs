using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Selection;

namespace EmFunctional;

/// <summary>
/// A fitted mixture of (possibly mixed) column families: immutable parameters per component and column
/// group, per-column means and covariances, how the fit went, and inference on new rows.
/// </summary>
public sealed class FamilyMixtureModel
{
    private readonly ProductFamily _family;
    private readonly Mixture<ProductComponent> _mixture;
    private readonly ImmutableArray<int> _categories;

    internal FamilyMixtureModel(
        ProductFamily family,
        (ColumnFamily Family, int[] Columns)[] groups,
        ColumnFamily[] columnFamilies,
        CovarianceType covariance,
        FitResult<ProductComponent> result)
    {
        _family = family;
        _mixture = result.Mixture;
        ColumnFamilies = [.. columnFamilies];
        Covariance = columnFamilies.Contains(ColumnFamily.Gaussian) ? covariance : null;
        Weights = [.. result.Mixture.Weights];
        Groups = [.. result.Mixture.Components.Map(component =>
            groups.Select((group, g) => Describe(group.Family, [.. group.Columns], component[g])).ToImmutableArray())];
        Means = [.. Groups.Map(parts => PerColumn(parts, columnFamilies.Length, (part, j) => ColumnMean(part, j)))];
        Covariances = [.. Groups.Map(parts => BlockCovariance(parts, columnFamilies.Length))];
        _categories = [.. Enumerable.Range(0, columnFamilies.Length).Select(j => CategoryCount(Groups[0], j))];
        LogLikelihood = result.LogLikelihood;
        LogPrior = result.LogPrior;
        SampleSize = result.TotalWeight;
        FreeParameters = result.FreeParameters;
        Iterations = result.Iterations;
        StopReason = Conversions.ToStopReason(result.StopReason);
        BestRestart = result.BestRestart;
        Restarts = [.. result.Restarts.Map(Conversions.ToSummary)];
    }

    /// <summary>Number of components K.</summary>
    public int Components => Weights.Length;

    /// <summary>Number of columns D.</summary>
    public int Dimensions => ColumnFamilies.Length;

    /// <summary>The family of each column (what <see cref="FamilyChoice.Auto"/> picked, or what was asked for).</summary>
    public ImmutableArray<ColumnFamily> ColumnFamilies { get; }

    /// <summary>The covariance type of the Gaussian columns; null when there are none.</summary>
    public CovarianceType? Covariance { get; }

    /// <summary>π_1 … π_K.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Per component, the parameters of each column group (groups in the order of their first column).</summary>
    public ImmutableArray<ImmutableArray<ColumnGroupParameters>> Groups { get; }

    /// <summary>
    /// Per component, E[x_j] for every column: μ for Gaussian columns, p for Bernoulli, λ for Poisson and
    /// Σ_c c·p_c for categorical codes.
    /// </summary>
    public ImmutableArray<ImmutableArray<double>> Means { get; }

    /// <summary>
    /// Per component, Cov[x] as a full D×D matrix: the Gaussian block, p(1 − p) for Bernoulli, λ for
    /// Poisson, the variance of the code for categorical; zero across groups (they are independent
    /// within a component).
    /// </summary>
    public ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances { get; }

    /// <summary>Σ_i w_i log p(x_i) at the returned parameters.</summary>
    public double LogLikelihood { get; }

    /// <summary>log p(θ, π) of the returned parameters: 0 for maximum likelihood.</summary>
    public double LogPrior { get; }

    /// <summary><see cref="LogLikelihood"/> + <see cref="LogPrior"/>: what the fit maximized.</summary>
    public double LogPosterior => LogLikelihood + LogPrior;

    /// <summary>n = Σ_i w_i.</summary>
    public double SampleSize { get; }

    /// <summary>Mean log-likelihood per row.</summary>
    public double MeanLogLikelihood => LogLikelihood / SampleSize;

    /// <summary>(K − 1) + the column groups' parameters (docs/families.md gives each family's count).</summary>
    public int FreeParameters { get; }

    /// <summary>EM iterations of the winning restart.</summary>
    public int Iterations { get; }

    /// <summary>Why the winning restart stopped.</summary>
    public StopReason StopReason { get; }

    /// <summary>True when a convergence rule stopped the winning restart.</summary>
    public bool Converged => StopReason is StopReason.LogLikelihoodConverged or StopReason.ResponsibilitiesConverged;

    /// <summary>Index of the winning restart.</summary>
    public int BestRestart { get; }

    /// <summary>Every restart with its trace.</summary>
    public ImmutableArray<RestartSummary> Restarts { get; }

    /// <summary>BIC = −2 log L + p ln n on the training data; lower is better.</summary>
    public double Bic() => InformationCriteria.Bic(LogLikelihood, FreeParameters, SampleSize);

    /// <summary>AIC = −2 log L + 2p on the training data; lower is better.</summary>
    public double Aic() => InformationCriteria.Aic(LogLikelihood, FreeParameters);

    /// <summary>The most probable component of each row (0-based).</summary>
    public int[] Predict(double[][] data) => Inference.Labels(Evaluate(data).Responsibilities, Components);

    /// <summary>Responsibilities p(k | x_i), one row of K probabilities per data row.</summary>
    public double[][] PredictProba(double[][] data)
    {
        var responsibilities = Evaluate(data).Responsibilities;
        return Enumerable.Range(0, data.Length).Select(i => responsibilities.AsSpan(i * Components, Components).ToArray()).ToArray();
    }

    /// <summary>log p(x_i) for each row.</summary>
    public double[] ScoreSamples(double[][] data) => Inference.LogDensities(_family, Checked(data), _mixture).OrThrow();

    /// <summary>Mean log-likelihood per row.</summary>
    public double Score(double[][] data) => Inference.LogLikelihood(_family, Checked(data), _mixture).OrThrow() / data.Length;

    /// <summary><paramref name="count"/> rows drawn from the mixture with their components; deterministic for a seed.</summary>
    public GaussianSample Sample(int count, long seed = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be ≥ 0");
        var (rows, labels) = Inference.Sample(_family, _mixture, Dimensions, count, unchecked((ulong)seed));
        return new GaussianSample(
            Enumerable.Range(0, count).Select(i => rows.AsSpan(i * Dimensions, Dimensions).ToArray()).ToArray(),
            labels);
    }

    private (double[] Responsibilities, double[] LogDensities) Evaluate(double[][] data) =>
        Inference.Evaluate(_family, Checked(data), _mixture).OrThrow();

    private Dataset Checked(double[][] data)
    {
        var dataset = Conversions.ToDataset(data, Dimensions);
        ColumnChecks.Check(dataset, ColumnFamilies, _categories, nameof(data));
        return dataset;
    }

    private static ColumnGroupParameters Describe(ColumnFamily family, ImmutableArray<int> columns, object component) => component switch
    {
        GaussianComponent gaussian => new GaussianGroupParameters(columns, [.. gaussian.Mean.ToArray()], Rows(gaussian.FullCovariance(), gaussian.Dimensions)),
        BernoulliComponent bernoulli => new BernoulliGroupParameters(columns, [.. bernoulli.Probabilities.ToArray()]),
        PoissonComponent poisson => new PoissonGroupParameters(columns, [.. poisson.Rates.ToArray()]),
        CategoricalComponent categorical => new CategoricalGroupParameters(columns, [.. categorical.ToArrays().Select(p => p.ToImmutableArray())]),
        _ => throw new InvalidOperationException($"no description for a {family} component of type {component.GetType().Name}"),
    };

    private static ImmutableArray<ImmutableArray<double>> Rows(double[] matrix, int d) =>
        [.. Enumerable.Range(0, d).Select(i => matrix.AsSpan(i * d, d).ToArray().ToImmutableArray())];

    private static ImmutableArray<double> PerColumn(ImmutableArray<ColumnGroupParameters> parts, int columns, Func<ColumnGroupParameters, int, double> value)
    {
        var result = new double[columns];
        foreach (var part in parts)
            for (var j = 0; j < part.Columns.Length; j++) result[part.Columns[j]] = value(part, j);
        return [.. result];
    }

    private static double ColumnMean(ColumnGroupParameters part, int j) => part switch
    {
        GaussianGroupParameters g => g.Mean[j],
        BernoulliGroupParameters b => b.Probabilities[j],
        PoissonGroupParameters p => p.Rates[j],
        CategoricalGroupParameters c => c.Probabilities[j].Select((p, code) => p * code).Sum(),
        _ => throw new InvalidOperationException(part.GetType().Name),
    };

    private static ImmutableArray<ImmutableArray<double>> BlockCovariance(ImmutableArray<ColumnGroupParameters> parts, int columns)
    {
        var matrix = new double[columns, columns];
        foreach (var part in parts)
        {
            for (var a = 0; a < part.Columns.Length; a++)
            {
                var i = part.Columns[a];
                switch (part)
                {
                    case GaussianGroupParameters g:
                        for (var b = 0; b < part.Columns.Length; b++) matrix[i, part.Columns[b]] = g.Covariance[a][b];
                        break;
                    case BernoulliGroupParameters bernoulli:
                        matrix[i, i] = bernoulli.Probabilities[a] * (1 - bernoulli.Probabilities[a]);
                        break;
                    case PoissonGroupParameters poisson:
                        matrix[i, i] = poisson.Rates[a];
                        break;
                    case CategoricalGroupParameters categorical:
                        var mean = ColumnMean(part, a);
                        matrix[i, i] = categorical.Probabilities[a].Select((p, code) => p * (code - mean) * (code - mean)).Sum();
                        break;
                }
            }
        }
        return [.. Enumerable.Range(0, columns).Select(i => Enumerable.Range(0, columns).Select(j => matrix[i, j]).ToImmutableArray())];
    }

    private static int CategoryCount(ImmutableArray<ColumnGroupParameters> parts, int column)
    {
        foreach (var part in parts)
            if (part is CategoricalGroupParameters categorical)
                for (var j = 0; j < part.Columns.Length; j++)
                    if (part.Columns[j] == column) return categorical.Probabilities[j].Length;
        return int.MaxValue;
    }
}
