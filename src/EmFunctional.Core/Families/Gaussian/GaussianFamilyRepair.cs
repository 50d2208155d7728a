using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>How a Gaussian family handles degenerate components (see <see cref="DegeneracyPolicy"/>).</summary>
public sealed partial record GaussianFamily : IRepairableFamily<GaussianComponent, GaussianStatistics>
{
    /// <summary>
    /// False for tied covariance and for the parsimonious models with a constraint across components (EII,
    /// VEI, VEE, …, see <see cref="CovarianceModel"/>): their components share parameters, so a repair raises
    /// the regularization of all of them and every constraint still holds.
    /// </summary>
    public bool EstimatesComponentsIndependently => Kind != CovarianceKind.Tied && _constrained is null;

    /// <inheritdoc />
    public Either<Error, Arr<GaussianComponent>> EstimateWith(Arr<GaussianStatistics> statistics, double regularization) =>
        (this with { Regularization = regularization }).Estimate(statistics);

    /// <summary>
    /// True when the maximum-likelihood covariance S_k / N_k has a conditional variance (a squared pivot of its
    /// Cholesky factor, an upper bound on its smallest eigenvalue) no larger than the regularization, or is
    /// not positive definite at all: the data of the component lie on a point or a subspace, and its shape
    /// there is the regularization's, not the data's. Never for tied covariance (shared, so a property of
    /// the data set rather than of one component) or under a prior (whose scale keeps every covariance away
    /// from collapse).
    /// </summary>
    public bool IsCollapsed(GaussianStatistics statistics, GaussianComponent component)
    {
        if (Kind == CovarianceKind.Tied || Prior is not null || !(statistics.Weight > 0)) return false;
        var d = statistics.Mean.Length;
        // A model with a constraint across components borrows from the others what its own rows do not give:
        // it has collapsed only when its fitted covariance has.
        if (_constrained is not null) return HasCollapsed(component, d, Math.Max(Regularization, double.Epsilon));
        var n = statistics.Weight;
        var scatter = statistics.Scatter;
        var floor = Math.Max(Regularization, double.Epsilon);
        switch (Kind)
        {
            case CovarianceKind.Full:
            {
                var covariance = new double[d * d];
                for (var i = 0; i < covariance.Length; i++) covariance[i] = scatter[i] / n;
                var lower = new double[d * d];
                if (!Cholesky.TryFactor(covariance, d, lower)) return true;
                for (var i = 0; i < d; i++)
                    if (lower[i * d + i] * lower[i * d + i] <= floor) return true;
                return false;
            }
            case CovarianceKind.Diagonal:
                for (var j = 0; j < d; j++)
                    if (!(scatter[j] / n > floor)) return true;
                return false;
            default:
                var trace = 0.0;
                for (var j = 0; j < d; j++) trace += scatter[j];
                return !(trace / (n * d) > floor);
        }
    }

    /// <summary>
    /// D + 1 for a full covariance without a prior whose component estimates its own shape and orientation
    /// (VVV, EVV): fewer rows leave its D(D + 1)/2 shape parameters to the
    /// regularization (mclust gives such a fit no BIC). Tied covariance pools every component's rows, the
    /// diagonal and spherical kinds need only a mean and variances, and a prior's scale decides what the rows
    /// do not.
    /// </summary>
    public double RowsNeeded(GaussianStatistics statistics) =>
        Kind == CovarianceKind.Full && Prior is null && Model is CovarianceModel.VVV or CovarianceModel.EVV ? statistics.Mean.Length + 1 : 0;

    /// <summary>A squared Cholesky pivot of the component's covariance at most <paramref name="floor"/> (or no factor at all).</summary>
    private static bool HasCollapsed(GaussianComponent component, int d, double floor)
    {
        var covariance = component.FullCovariance();
        var lower = new double[d * d];
        if (!Cholesky.TryFactor(covariance, d, lower)) return true;
        for (var i = 0; i < d; i++)
            if (lower[i * d + i] * lower[i * d + i] <= floor) return true;
        return false;
    }

    /// <summary>
    /// Mean <paramref name="center"/>; covariance the average of <paramref name="others"/>' covariances (an
    /// average of positive definite matrices is one), the shared one for tied covariance, or the identity
    /// when there are no others.
    /// </summary>
    public GaussianComponent Restart(ReadOnlySpan<double> center, Arr<GaussianComponent> others)
    {
        if (others.Count == 0) return CenteredAt(center);
        if (Kind == CovarianceKind.Tied) return others[0].WithMean(center.ToArray());
        var covariance = new double[others[0].CovarianceParameters.Length];
        foreach (var other in others)
        {
            var values = other.CovarianceParameters;
            for (var i = 0; i < covariance.Length; i++) covariance[i] += values[i] / others.Count;
        }
        return GaussianComponent.TryCreate(Kind, center.ToArray(), covariance) ?? CenteredAt(center);
    }
}
