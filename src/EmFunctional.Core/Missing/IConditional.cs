using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Missing;

/// <summary>
/// One component seen through one missingness pattern: the distribution of a row's missing cells given
/// its observed ones, p(x_m | x_o, θ_k). What imputation needs of a family.
/// </summary>
public interface IConditional
{
    /// <summary>
    /// The imputed value of each missing cell given the row's observed cells (in observed-column order):
    /// E[x_m | x_o, θ_k] (the most probable code for a categorical column, whose codes are labels).
    /// </summary>
    void Impute(ReadOnlySpan<double> observed, Span<double> missing);

    /// <summary>One draw of the missing cells from p(x_m | x_o, θ_k).</summary>
    void Draw(ReadOnlySpan<double> observed, ref RandomSource random, Span<double> missing);

    /// <summary>
    /// For a missing cell whose values are codes (a categorical column), the probability of each code
    /// given the observed cells; null for a numeric cell. A mixture imputes a coded cell by the code of
    /// highest mixture probability, not by averaging the components' codes.
    /// </summary>
    double[]? CodeProbabilities(int missingCell) => null;
}
