namespace EmFunctional;

/// <summary>How <see cref="MixtureModel.Bootstrap(double[][], int, long, BootstrapType, double)"/> perturbs the data (mclust's <c>MclustBootstrap</c> types).</summary>
public enum BootstrapType
{
    /// <summary>N rows drawn with replacement (mclust "bs"): the default.</summary>
    Nonparametric,

    /// <summary>Every row kept, weighted by an Exp(1) draw divided by the largest (mclust "wlbs", the weighted likelihood bootstrap).</summary>
    WeightedLikelihood,

    /// <summary>N rows drawn from the fitted model (mclust "pb").</summary>
    Parametric,
}
