namespace EmFunctional;

/// <summary>Rows drawn from a fitted mixture and the component each came from.</summary>
/// <param name="Rows">n rows of D values.</param>
/// <param name="Labels">The 0-based component of each row.</param>
public sealed record MixtureSample(double[][] Rows, int[] Labels);
