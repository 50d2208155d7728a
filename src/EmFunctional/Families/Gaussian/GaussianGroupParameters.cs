using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// A multivariate Gaussian over the group's columns, in the form its covariance type has it: a full
/// matrix (full and tied) or the variances alone (diagonal and spherical), so that a diagonal model of
/// D columns holds D numbers per component, never D × D.
/// </summary>
public sealed record GaussianGroupParameters : ColumnGroupParameters
{
    private readonly ImmutableArray<ImmutableArray<double>> _matrix;

    /// <summary>A Gaussian with a full covariance matrix Σ over the columns, row by row.</summary>
    public GaussianGroupParameters(ImmutableArray<int> columns, ImmutableArray<double> mean, ImmutableArray<ImmutableArray<double>> covariance)
        : base(ColumnFamily.Gaussian, columns)
    {
        Mean = mean;
        _matrix = covariance;
        Variances = [.. covariance.Select((row, i) => row[i])];
    }

    /// <summary>A Gaussian whose covariance is diagonal (diag and spherical types): Σ = diag(<paramref name="variances"/>).</summary>
    public GaussianGroupParameters(ImmutableArray<int> columns, ImmutableArray<double> mean, ImmutableArray<double> variances)
        : base(ColumnFamily.Gaussian, columns)
    {
        Mean = mean;
        Variances = variances;
    }

    /// <summary>μ, one value per column.</summary>
    public ImmutableArray<double> Mean { get; }

    /// <summary>The diagonal of Σ: Var[x_j] for each column of the group.</summary>
    public ImmutableArray<double> Variances { get; }

    /// <summary>True when Σ is diagonal by the covariance type (diag, spherical), so only <see cref="Variances"/> is held.</summary>
    public bool IsDiagonal => _matrix.IsDefault;

    /// <summary>
    /// Σ as a full matrix over the columns, row by row. For a diagonal Σ it is built on each call (D × D
    /// numbers); read <see cref="Variances"/> instead when the columns are many.
    /// </summary>
    public ImmutableArray<ImmutableArray<double>> Covariance => IsDiagonal
        ? [.. Variances.Select((variance, i) => Enumerable.Range(0, Variances.Length).Select(j => i == j ? variance : 0.0).ToImmutableArray())]
        : _matrix;

    /// <inheritdoc/>
    public override ImmutableArray<GroupParameter> Values => IsDiagonal
        ? [new ColumnValues("mean", "Means", null, Mean), new ColumnValues("variance", "Variances", null, Variances)]
        : [new ColumnValues("mean", "Means", null, Mean), new ColumnVectors("covariance", "Covariance", "Column", _matrix)];

    internal override double ColumnMean(int j) => Mean[j];

    internal override double ColumnVariance(int j) => Variances[j];

    internal override void WriteCovariance(double[,] covariance)
    {
        if (IsDiagonal)
        {
            for (var a = 0; a < Columns.Length; a++) covariance[Columns[a], Columns[a]] = Variances[a];
            return;
        }
        for (var a = 0; a < Columns.Length; a++)
            for (var b = 0; b < Columns.Length; b++) covariance[Columns[a], Columns[b]] = _matrix[a][b];
    }

    internal override bool SameValues(ColumnGroupParameters other) =>
        other is GaussianGroupParameters g && Columns.SequenceEqual(g.Columns) && Mean.SequenceEqual(g.Mean)
        && IsDiagonal == g.IsDiagonal && Variances.SequenceEqual(g.Variances) && (IsDiagonal || Same(_matrix, g._matrix));

}
