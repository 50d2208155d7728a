namespace EmFunctional.Cli;

/// <summary>
/// How <c>em select</c> prints its criteria (<c>--bic-sign</c>). The choice of the best cell is the same either way;
/// only the numbers shown change sign.
/// </summary>
internal enum CriterionSign
{
    /// <summary>As everywhere else in em: BIC = −2 log L + p ln n, lower is better (and AIC, ICL likewise).</summary>
    LowerIsBetter,

    /// <summary>As mclust prints them: BIC = 2 log L − p ln n, higher is better (and AIC, ICL negated likewise).</summary>
    Mclust,
}
