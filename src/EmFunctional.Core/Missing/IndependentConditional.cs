using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Missing;

/// <summary>
/// The conditional of a component whose columns are independent (Bernoulli, categorical, Poisson): the
/// missing cells do not depend on the observed ones, so their imputation is the component's own value
/// per column and a draw is a draw of the whole row, kept on the missing columns.
/// </summary>
internal sealed class IndependentConditional(double[] imputed, int[] missing, int dimensions, IndependentConditional.RowSampler sample, Func<int, double[]>? codes = null) : IConditional
{
    public double[]? CodeProbabilities(int missingCell) => codes?.Invoke(missing[missingCell]);

    /// <summary>Draws one whole row of the component.</summary>
    public delegate void RowSampler(ref RandomSource random, Span<double> row);

    public void Impute(ReadOnlySpan<double> observed, Span<double> values)
    {
        for (var a = 0; a < missing.Length; a++) values[a] = imputed[missing[a]];
    }

    public void Draw(ReadOnlySpan<double> observed, ref RandomSource random, Span<double> values)
    {
        Span<double> row = dimensions <= 128 ? stackalloc double[dimensions] : new double[dimensions];
        sample(ref random, row);
        for (var a = 0; a < missing.Length; a++) values[a] = row[missing[a]];
    }
}
