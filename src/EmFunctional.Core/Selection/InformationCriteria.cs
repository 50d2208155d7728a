namespace EmFunctional.Core.Selection;

/// <summary>Penalized-likelihood criteria, lower is better (scikit-learn's sign convention; mclust's BIC is the negative).</summary>
public static class InformationCriteria
{
    /// <summary>BIC = −2 log L + p ln n, with n = Σ w_i the effective sample size.</summary>
    public static double Bic(double logLikelihood, int freeParameters, double sampleSize) =>
        -2 * logLikelihood + freeParameters * Math.Log(sampleSize);

    /// <summary>AIC = −2 log L + 2p.</summary>
    public static double Aic(double logLikelihood, int freeParameters) =>
        -2 * logLikelihood + 2 * freeParameters;

    /// <summary>
    /// ICL = BIC + 2·E = −2 log L + p ln n + 2·E, where E = −Σ_i w_i log max_k r_ik is the entropy of the
    /// MAP (hard) classification (see <see cref="Icl.MapClassificationEntropy(Dataset, ReadOnlySpan{double}, int)"/>).
    /// E ≥ 0, so ICL ≥ BIC, with equality when every row belongs to one component with probability 1.
    /// Lower is better; mclust's <c>icl</c> is the negative (BIC_mclust − 2·E).
    /// </summary>
    public static double Icl(double logLikelihood, int freeParameters, double sampleSize, double mapClassificationEntropy) =>
        Bic(logLikelihood, freeParameters, sampleSize) + 2 * mapClassificationEntropy;

    /// <summary>Free parameters of a K-component mixture: K − 1 weights plus the family's own.</summary>
    public static int MixtureParameters(int components, int familyParameters) => components - 1 + familyParameters;
}
