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

    /// <summary>Free parameters of a K-component mixture: K − 1 weights plus the family's own.</summary>
    public static int MixtureParameters(int components, int familyParameters) => components - 1 + familyParameters;
}
