using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>Independent categorical columns of integer codes.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Probabilities">For each column, P(x_j = c) for the codes c = 0 … C_j − 1.</param>
public sealed record CategoricalGroupParameters(ImmutableArray<int> Columns, ImmutableArray<ImmutableArray<double>> Probabilities)
    : ColumnGroupParameters(ColumnFamily.Categorical, Columns)
{
    /// <inheritdoc/>
    public override ImmutableArray<GroupParameter> Values => [new ColumnVectors("probabilities", "Categorical probabilities of {0}: P(x = code)", "Code", Probabilities)];

    /// <summary>E[x_j] = Σ_c c · p_jc, the mean code.</summary>
    internal override double ColumnMean(int j) => Probabilities[j].Select((p, code) => p * code).Sum();

    /// <summary>Var[x_j] = Σ_c p_jc (c − E[x_j])², the variance of the code; the columns are independent within a component.</summary>
    internal override double ColumnVariance(int j)
    {
        var mean = ColumnMean(j);
        return Probabilities[j].Select((p, code) => p * (code - mean) * (code - mean)).Sum();
    }

    internal override int CategoryCount(int j) => Probabilities[j].Length;

    internal override bool SameValues(ColumnGroupParameters other) =>
        other is CategoricalGroupParameters c && Columns.SequenceEqual(c.Columns) && Same(Probabilities, c.Probabilities);
}
