namespace EmFunctional;

/// <summary>One point of a restart's trace (without parameters).</summary>
/// <param name="Number">Iterations completed.</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood of the parameters that entered the iteration.</param>
/// <param name="Change">The change of the mean log-posterior (the mean log-likelihood without priors) from the
/// previous iteration; null on the first.</param>
/// <param name="ResponsibilityChange">‖ΔR‖_F when tracked; else null.</param>
public sealed record TraceEntry(int Number, double MeanLogLikelihood, double? Change, double? ResponsibilityChange);
