using EmFunctional.Core.Families;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Selection;

/// <summary>
/// The classification part of the integrated completed likelihood (ICL; Biernacki, Celeux and Govaert
/// 2000), in mclust's form: the completed log-likelihood uses the MAP classification ẑ_ik (1 for the most
/// responsible component of row i, 0 otherwise), so the penalty added to BIC is twice
/// E = −Σ_i w_i Σ_k ẑ_ik log r_ik = −Σ_i w_i log max_k r_ik.
/// </summary>
public static class Icl
{
    /// <summary>
    /// E = −Σ_i w_i log max_k r_ik for responsibilities <paramref name="responsibilities"/> (N×K row-major,
    /// each row a distribution). Rows of weight 0 are absent, as everywhere else. E ≥ 0; it is 0 exactly when
    /// every row of positive weight has a responsibility of 1, and at most n ln K.
    /// </summary>
    public static double MapClassificationEntropy(Dataset data, ReadOnlySpan<double> responsibilities, int components)
    {
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "components must be at least 1");
        if (responsibilities.Length != (long)data.Rows * components)
            throw new ArgumentException($"responsibilities have {responsibilities.Length} values, but {data.Rows} rows × {components} components need {(long)data.Rows * components}", nameof(responsibilities));
        var entropy = 0.0;
        for (var i = 0; i < data.Rows; i++)
        {
            var w = data.Weight(i);
            if (w <= 0) continue;
            var row = responsibilities.Slice(i * components, components);
            var largest = row[0];
            for (var c = 1; c < components; c++)
                if (row[c] > largest) largest = row[c];
            // The largest of K probabilities summing to 1 is at least 1/K, so the log is finite.
            entropy -= w * Math.Log(largest);
        }
        // −0 and tiny negatives from a largest value that rounds above 1 mean "no entropy".
        return Math.Max(entropy, 0);
    }

    /// <summary>
    /// <see cref="MapClassificationEntropy(Dataset, ReadOnlySpan{double}, int)"/> of <paramref name="mixture"/>'s
    /// responsibilities on <paramref name="data"/> (one E-step pass). Left when a row has zero density under
    /// every component.
    /// </summary>
    public static Either<Error, double> MapClassificationEntropy<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture)
        where TStatistics : IComponentStatistics =>
        Inference.Evaluate(family, data, mixture)
            .Map(evaluated => MapClassificationEntropy(data, evaluated.Responsibilities, mixture.Count));
}
