namespace EmFunctional;

/// <summary>
/// Where a running fit is, reported through <see cref="FamilyMixtureOptions.Progress"/> or
/// <see cref="GaussianMixtureOptions.Progress"/> after every EM iteration (and, inside a model-selection grid, through <see cref="SelectionProgress.Fit"/>).
/// </summary>
/// <param name="Restart">The running restart, 0-based.</param>
/// <param name="Restarts">How many restarts the fit runs.</param>
/// <param name="Iteration">Iterations completed in this restart (1 after the first).</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood per row of the parameters that entered the iteration.</param>
public sealed record FitProgress(int Restart, int Restarts, int Iteration, double MeanLogLikelihood);

/// <summary>Where a running model-selection grid is, reported through <see cref="ModelSelectionOptions.Progress"/>.</summary>
/// <param name="Cell">The running cell, 0-based, in grid order (K-major).</param>
/// <param name="Cells">How many cells the grid has.</param>
/// <param name="Components">The cell's K.</param>
/// <param name="Covariance">The cell's covariance type.</param>
/// <param name="Fit">Where the cell's fit is; null in the report that the cell has started.</param>
public sealed record SelectionProgress(int Cell, int Cells, int Components, CovarianceType Covariance, FitProgress? Fit);
