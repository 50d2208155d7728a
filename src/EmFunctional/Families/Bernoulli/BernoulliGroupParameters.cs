using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>Independent Bernoulli columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Probabilities">P(x_j = 1) for each column.</param>
public sealed record BernoulliGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Probabilities)
    : ColumnGroupParameters(ColumnFamily.Bernoulli, Columns)
{
    /// <inheritdoc/>
    public override ImmutableArray<GroupParameter> Values => [new ColumnValues("probabilities", "Bernoulli probabilities P(x = 1)", null, Probabilities)];

    /// <summary>E[x_j] = p_j.</summary>
    internal override double ColumnMean(int j) => Probabilities[j];

    /// <summary>Var[x_j] = p_j (1 − p_j); the columns are independent within a component.</summary>
    internal override double ColumnVariance(int j) => Probabilities[j] * (1 - Probabilities[j]);

    internal override bool SameValues(ColumnGroupParameters other) =>
        other is BernoulliGroupParameters b && Columns.SequenceEqual(b.Columns) && Probabilities.SequenceEqual(b.Probabilities);
}
