using EmFunctional.Core.Families;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Selection;

/// <summary>Which penalized likelihood chooses the best cell of a grid. All are lower-is-better.</summary>
public enum SelectionCriterion
{
    /// <summary>BIC = −2 log L + p ln n (mclust's BIC is the negative).</summary>
    Bic,

    /// <summary>AIC = −2 log L + 2p.</summary>
    Aic,

    /// <summary>ICL = BIC − 2 Σ_i w_i log max_k r_ik (mclust's <c>icl</c> is the negative).</summary>
    Icl,
}

/// <summary>
/// One column of a selection grid: a name for the report and how to build the family for K components
/// (a function of K so that hyper-parameters such as priors may depend on it). Gaussian covariance kinds
/// are columns of the same family type; other families (Bernoulli, Poisson, ...) plug in the same way.
/// </summary>
/// <param name="Label">Unique within the grid, e.g. "full" or "diag".</param>
/// <param name="Create">The family to fit with K components.</param>
public sealed record SelectionFamily<TComponent, TStatistics>(string Label, Func<int, IComponentFamily<TComponent, TStatistics>> Create)
    where TStatistics : IComponentStatistics
{
    /// <summary>
    /// True for a fitted mixture that is not a regular fit of the data: a component that is a spike whose
    /// likelihood the regularization sets (mclust reports no BIC for such a cell). A spiked cell keeps its
    /// criteria but wins only when no regular cell succeeded. By default no fit is spiked.
    /// </summary>
    public Func<Dataset, Mixture<TComponent>, bool> IsSpiked { get; init; } = (_, _) => false;

    /// <summary>
    /// Components the family's mixtures have besides the grid's K (a noise component: 1); 0 by default. A cell of
    /// K is fitted with K + this many components, and counted so in its parameters.
    /// </summary>
    public int ExtraComponents { get; init; }

    /// <summary>
    /// The starting mixture of a restart of a cell (the data, the grid's K, the cell's options, the restart), for a
    /// family whose start is built from another's, as a noise component's (<see cref="Families.Noise.NoiseStart"/>);
    /// null (the default): the options' initialization.
    /// </summary>
    public Func<Dataset, int, EmOptions, int, CancellationToken, LanguageExt.Either<LanguageExt.Common.Error, Mixture<TComponent>>>? Start { get; init; }
}

/// <summary>
/// A successful cell: the fit (best over its restarts) and the entropy of its MAP classification, from which
/// every criterion follows.
/// </summary>
/// <param name="Fit">The fitted mixture and how its restarts went.</param>
/// <param name="MapClassificationEntropy">E = −Σ_i w_i log max_k r_ik at the fitted parameters (≥ 0).</param>
/// <param name="Spiked">The family's <see cref="SelectionFamily{TComponent,TStatistics}.IsSpiked"/> of the fit.</param>
public sealed record SelectionFit<TComponent>(FitResult<TComponent> Fit, double MapClassificationEntropy, bool Spiked = false)
{
    /// <summary>Σ_i w_i log p(x_i) at the fitted parameters.</summary>
    public double LogLikelihood => Fit.LogLikelihood;

    /// <summary>−2 log L + p ln n.</summary>
    public double Bic => Fit.Bic;

    /// <summary>−2 log L + 2p.</summary>
    public double Aic => Fit.Aic;

    /// <summary>BIC + 2E (≥ BIC).</summary>
    public double Icl => InformationCriteria.Icl(Fit.LogLikelihood, Fit.FreeParameters, Fit.TotalWeight, MapClassificationEntropy);

    /// <summary>The value of <paramref name="criterion"/>.</summary>
    public double Score(SelectionCriterion criterion) => criterion switch
    {
        SelectionCriterion.Bic => Bic,
        SelectionCriterion.Aic => Aic,
        SelectionCriterion.Icl => Icl,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "unknown selection criterion"),
    };
}

/// <summary>
/// One cell of a selection grid: K components of one family, fitted with its own seed. A cell whose fit
/// failed (every restart failed, fewer distinct rows than K, ...) carries the error instead of a fit; the
/// rest of the grid is unaffected.
/// </summary>
/// <param name="Index">Position in the grid (K-major: all families for the first K, then the next K).</param>
/// <param name="Components">K.</param>
/// <param name="Label">The family's label.</param>
/// <param name="FreeParameters">(K − 1) + the family's parameter count (known whether or not the fit succeeded).</param>
/// <param name="Seed">The seed the cell's restarts were derived from: <see cref="EmOptions.Seed"/> of a
/// <see cref="Fitting.Fit{TComponent,TStatistics}"/> call that reproduces this cell on its own.</param>
/// <param name="Outcome">The fit, or why the cell failed.</param>
public sealed record SelectionCell<TComponent>(
    int Index,
    int Components,
    string Label,
    int FreeParameters,
    ulong Seed,
    Either<Error, SelectionFit<TComponent>> Outcome)
{
    /// <summary>True when the cell has a fit.</summary>
    public bool Succeeded => Outcome.IsRight;

    /// <summary>True when the cell has a fit and that fit is spiked (<see cref="SelectionFit{TComponent}.Spiked"/>).</summary>
    public bool Spiked => Outcome.Match(Right: fit => fit.Spiked, Left: _ => false);

    /// <summary>The criterion's value, None for a failed cell.</summary>
    public Option<double> Score(SelectionCriterion criterion) => Outcome.Match(
        Right: fit => Option<double>.Some(fit.Score(criterion)),
        Left: _ => Option<double>.None);
}

/// <summary>
/// Every cell of a grid, in grid order, and the best successful one by <see cref="Criterion"/> (None when
/// every cell failed).
/// </summary>
/// <param name="Cells">All cells, failed ones included, in grid order.</param>
/// <param name="Criterion">What chose <see cref="BestIndex"/>.</param>
/// <param name="BestIndex">Index into <see cref="Cells"/> of the winner.</param>
public sealed record SelectionResult<TComponent>(Arr<SelectionCell<TComponent>> Cells, SelectionCriterion Criterion, Option<int> BestIndex)
{
    /// <summary>The winning cell.</summary>
    public Option<SelectionCell<TComponent>> Best => BestIndex.Map(index => Cells[index]);
}
