using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>A multivariate Gaussian over the group's columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Mean">μ, one value per column.</param>
/// <param name="Covariance">Σ as a full matrix over the columns, row by row.</param>
public sealed record GaussianGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Mean, ImmutableArray<ImmutableArray<double>> Covariance)
    : ColumnGroupParameters(ColumnFamily.Gaussian, Columns)
{
    /// <inheritdoc/>
    public override ImmutableArray<GroupParameter> Values =>
        [new ColumnValues("mean", "Means", null, Mean), new ColumnVectors("covariance", "Covariance", "Column", Covariance)];

    internal override double ColumnMean(int j) => Mean[j];

    internal override void WriteCovariance(double[,] covariance)
    {
        for (var a = 0; a < Columns.Length; a++)
            for (var b = 0; b < Columns.Length; b++) covariance[Columns[a], Columns[b]] = Covariance[a][b];
    }

    internal override bool SameValues(ColumnGroupParameters other) =>
        other is GaussianGroupParameters g && Columns.SequenceEqual(g.Columns) && Mean.SequenceEqual(g.Mean) && Same(Covariance, g.Covariance);
}
