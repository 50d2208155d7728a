using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>Independent Poisson columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Rates">λ_j, the expected count of each column.</param>
public sealed record PoissonGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Rates)
    : ColumnGroupParameters(ColumnFamily.Poisson, Columns)
{
    /// <inheritdoc/>
    public override ImmutableArray<GroupParameter> Values => [new ColumnValues("rates", "Poisson rates", "expected counts", Rates)];

    /// <summary>E[x_j] = λ_j.</summary>
    internal override double ColumnMean(int j) => Rates[j];

    /// <summary>Var[x_j] = λ_j; the columns are independent within a component.</summary>
    internal override double ColumnVariance(int j) => Rates[j];

    internal override bool SameValues(ColumnGroupParameters other) =>
        other is PoissonGroupParameters p && Columns.SequenceEqual(p.Columns) && Rates.SequenceEqual(p.Rates);
}
