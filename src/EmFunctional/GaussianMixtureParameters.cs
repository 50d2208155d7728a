using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// The parameters of a Gaussian mixture as plain immutable values: weights π_k, means μ_k and covariances
/// Σ_k, always as full D×D matrices (a diagonal or spherical covariance is expanded; tied components
/// repeat the shared matrix).
/// </summary>
public sealed record GaussianMixtureParameters
{
    /// <summary>Creates parameters from arrays (copied). Shapes are checked when the parameters are used.</summary>
    public GaussianMixtureParameters(double[] weights, double[][] means, double[][][] covariances)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        Weights = [.. weights];
        Means = [.. means.Select((m, k) => (m ?? throw new ArgumentException($"means[{k}] is null", nameof(means))).ToImmutableArray())];
        Covariances = [.. covariances.Select((c, k) => (c ?? throw new ArgumentException($"covariances[{k}] is null", nameof(covariances)))
            .Select((row, i) => (row ?? throw new ArgumentException($"covariances[{k}][{i}] is null", nameof(covariances))).ToImmutableArray()).ToImmutableArray())];
    }

    /// <summary>π_1 … π_K.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>μ_k, each of length D.</summary>
    public ImmutableArray<ImmutableArray<double>> Means { get; }

    /// <summary>Σ_k as full D×D matrices (row by row).</summary>
    public ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances { get; }

    /// <summary>Number of components K.</summary>
    public int Components => Weights.Length;

    /// <summary>Dimension D.</summary>
    public int Dimensions => Means.IsEmpty ? 0 : Means[0].Length;

    /// <summary>Σ_k as a new two-dimensional array.</summary>
    public double[,] CovarianceMatrix(int component)
    {
        var rows = Covariances[component];
        var matrix = new double[rows.Length, rows.Length];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows.Length; j++)
                matrix[i, j] = rows[i][j];
        return matrix;
    }

    /// <inheritdoc />
    public bool Equals(GaussianMixtureParameters? other) =>
        other is not null
        && Weights.SequenceEqual(other.Weights)
        && Means.Length == other.Means.Length
        && Enumerable.Range(0, Means.Length).All(k => Means[k].SequenceEqual(other.Means[k]))
        && Covariances.Length == other.Covariances.Length
        && Enumerable.Range(0, Covariances.Length).All(k => Covariances[k].Length == other.Covariances[k].Length
            && Enumerable.Range(0, Covariances[k].Length).All(i => Covariances[k][i].SequenceEqual(other.Covariances[k][i])));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weights.Length, Dimensions, Weights.IsEmpty ? 0 : Weights[0]);
}
