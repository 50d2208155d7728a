using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>Whether a cell of the grid produced a model.</summary>
public enum ModelSelectionStatus
{
    /// <summary>The fit succeeded; the criteria are set.</summary>
    Succeeded,

    /// <summary>Every restart failed (or the data has fewer distinct rows than K); <see cref="ModelSelectionCell.Error"/> says why.</summary>
    Failed,
}

/// <summary>
/// One cell of a model-selection grid: K components with one covariance type. A failed cell has no model
/// and null criteria, and says why in <see cref="Error"/>.
/// </summary>
public sealed class ModelSelectionCell
{
    internal ModelSelectionCell(
        int index, int components, CovarianceType covariance, int dimensions, int freeParameters, long seed,
        GaussianMixtureModel? model, double? icl, string? error, bool nearSingular, ImmutableArray<string> notes)
    {
        Index = index;
        Components = components;
        Covariance = covariance;
        ModelName = CovarianceTypes.MclustName(covariance, dimensions);
        FreeParameters = freeParameters;
        Seed = seed;
        Model = model;
        Icl = icl;
        Error = error;
        NearSingular = nearSingular;
        Notes = notes;
    }

    /// <summary>Position in <see cref="ModelSelectionResult.Cells"/> (K-major: every covariance type for the first K, then the next K).</summary>
    public int Index { get; }

    /// <summary>K.</summary>
    public int Components { get; }

    /// <summary>The covariance type.</summary>
    public CovarianceType Covariance { get; }

    /// <summary>mclust's name of the cell's model: "VEV", "VVV" (full), …; "E" or "V" on one column (<see cref="CovarianceTypes.MclustName(CovarianceType, int)"/>).</summary>
    public string ModelName { get; }

    /// <summary>p = (K − 1) + K·D + covariance parameters: the penalty's parameter count.</summary>
    public int FreeParameters { get; }

    /// <summary>
    /// The seed of this cell: <c>GaussianMixture.Fit</c> with this <see cref="EmSettings.Seed"/>,
    /// the same restarts and settings reproduces the cell's fit.
    /// </summary>
    public long Seed { get; }

    /// <summary>Succeeded or failed.</summary>
    public ModelSelectionStatus Status => Model is null ? ModelSelectionStatus.Failed : ModelSelectionStatus.Succeeded;

    /// <summary>True when the cell has a model.</summary>
    public bool Succeeded => Model is not null;

    /// <summary>The fitted model (best restart); null when the cell failed.</summary>
    public GaussianMixtureModel? Model { get; }

    /// <summary>Σ_i w_i log p(x_i) at the fitted parameters; null when the cell failed.</summary>
    public double? LogLikelihood => Model?.LogLikelihood;

    /// <summary>−2 log L + p ln n (lower is better); null when the cell failed.</summary>
    public double? Bic => Model?.Bic();

    /// <summary>−2 log L + 2p (lower is better); null when the cell failed.</summary>
    public double? Aic => Model?.Aic();

    /// <summary>BIC − 2 Σ_i w_i log max_k r_ik (≥ BIC, lower is better); null when the cell failed.</summary>
    public double? Icl { get; }

    /// <summary>Why the cell failed (the message of its first restart's error); null when it succeeded.</summary>
    public string? Error { get; }

    /// <summary>
    /// True when the fitted model has a near-singular component: a covariance eigenvalue below 100 × the
    /// regularization, or a full-covariance component with fewer than D + 1 effective rows. Such a
    /// component is a spike on a few (often repeated) values whose likelihood is set by the regularization,
    /// not by the data, so its criteria are not comparable with other cells' (mclust reports no BIC for it).
    /// The cell is best only when no regular cell succeeded; <see cref="Notes"/> says which component and why.
    /// </summary>
    public bool NearSingular { get; }

    /// <summary>Things worth knowing about a successful cell (not converged, restarts that failed, near-singular); empty when none.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>The error of a failed cell, or the notes of a successful one joined by "; "; null when there is nothing to say.</summary>
    public string? Message => Error ?? (Notes.IsEmpty ? null : string.Join("; ", Notes));

    /// <summary>The value of <paramref name="criterion"/>; null when the cell failed.</summary>
    public double? Score(ModelSelectionCriterion criterion) => criterion switch
    {
        ModelSelectionCriterion.Bic => Bic,
        ModelSelectionCriterion.Aic => Aic,
        ModelSelectionCriterion.Icl => Icl,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "unknown model-selection criterion"),
    };
}

/// <summary>
/// The table of a model-selection run: every cell of the grid in grid order, failed ones included, and the
/// best successful cell by the criterion.
/// </summary>
public sealed class ModelSelectionResult
{
    internal ModelSelectionResult(
        ImmutableArray<ModelSelectionCell> cells, ModelSelectionCriterion criterion, ModelSelectionCell? best,
        ImmutableArray<int> components, ImmutableArray<CovarianceType> covariances, double sampleSize, int dimensions,
        InitializationMethod initialization)
    {
        Initialization = initialization;
        Cells = cells;
        Criterion = criterion;
        Best = best;
        Components = components;
        Covariances = covariances;
        SampleSize = sampleSize;
        Dimensions = dimensions;
    }

    /// <summary>Every cell, K-major: for each K of <see cref="Components"/>, each type of <see cref="Covariances"/>.</summary>
    public ImmutableArray<ModelSelectionCell> Cells { get; }

    /// <summary>What chose <see cref="Best"/>.</summary>
    public ModelSelectionCriterion Criterion { get; }

    /// <summary>
    /// The successful cell with the lowest criterion among those that are not near-singular (among all successful
    /// cells when every one is); among ties (equal up to rounding) the one with fewer free parameters, then the
    /// earlier in the grid. Null only when every cell failed.
    /// </summary>
    public ModelSelectionCell? Best { get; }

    /// <summary>The grid's component counts, in order.</summary>
    public ImmutableArray<int> Components { get; }

    /// <summary>
    /// The grid's covariance types, in order: those asked for (all fourteen by default), or on one column the
    /// first of each of mclust's two one-dimensional models, E and V (<see cref="CovarianceTypes.Distinct"/>).
    /// </summary>
    public ImmutableArray<CovarianceType> Covariances { get; }

    /// <summary>
    /// How every cell started: the options' method, or for <see cref="InitializationMethod.Automatic"/> with one
    /// restart per cell mclust's hierarchical start on up to 2000 rows (the tree is grown once and cut at every K)
    /// and the search beyond.
    /// </summary>
    public InitializationMethod Initialization { get; }

    /// <summary>n = Σ_i w_i, the sample size in BIC's penalty.</summary>
    public double SampleSize { get; }

    /// <summary>D, the number of columns.</summary>
    public int Dimensions { get; }

    /// <summary>The cells that failed, in grid order.</summary>
    public IEnumerable<ModelSelectionCell> FailedCells => Cells.Where(cell => !cell.Succeeded);

    /// <summary>The cell for (<paramref name="components"/>, <paramref name="covariance"/>).</summary>
    /// <exception cref="ArgumentException">The grid has no such cell.</exception>
    public ModelSelectionCell Cell(int components, CovarianceType covariance) =>
        Cells.FirstOrDefault(cell => cell.Components == components && cell.Covariance == covariance)
        ?? throw new ArgumentException($"the grid has no cell with {components} components and {covariance} covariance", nameof(components));
}
