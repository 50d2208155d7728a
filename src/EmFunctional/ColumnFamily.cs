namespace EmFunctional;

/// <summary>The distribution family that models one column inside each component.</summary>
public enum ColumnFamily
{
    /// <summary>Continuous values. All Gaussian columns of a model share one multivariate Gaussian per component.</summary>
    Gaussian,

    /// <summary>Binary values 0/1: one success probability per column and component.</summary>
    Bernoulli,

    /// <summary>Integer category codes 0 … C−1: one probability vector per column and component.</summary>
    Categorical,

    /// <summary>Non-negative integer counts: one Poisson rate per column and component.</summary>
    Poisson,
}

/// <summary>Which family a <see cref="FamilyMixture"/> uses for the columns.</summary>
public enum FamilyChoice
{
    /// <summary>Every column Gaussian (the same model as <see cref="GaussianMixture"/>).</summary>
    Gaussian,

    /// <summary>Every column Bernoulli (latent class analysis of binary answers).</summary>
    Bernoulli,

    /// <summary>Every column categorical (integer codes).</summary>
    Categorical,

    /// <summary>Every column Poisson (counts).</summary>
    Poisson,

    /// <summary>
    /// A family per column, picked from its values by <see cref="ColumnFamilyDetection.Detect(double[][])"/>: only 0 and 1
    /// → Bernoulli; other non-negative integers → Poisson; anything else → Gaussian.
    /// </summary>
    Auto,
}
