using LanguageExt;
using MathNet.Numerics.LinearAlgebra;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// A fitted Gaussian component whose likelihood is set by the regularization rather than by the data: a
/// "spike", as the reference fits define it (tests/data/reference/README.md). Such a fit's likelihood is not
/// comparable with other fits', which is why model selection notes it.
/// </summary>
/// <param name="Component">The 0-based component.</param>
/// <param name="EffectiveRows">π_k · Σ_i w_i, the rows the component describes.</param>
/// <param name="SmallestEigenvalue">The smallest eigenvalue of its covariance.</param>
/// <param name="TooFewRows">True when the spike is a full covariance on fewer than D + 1 effective rows; false
/// when it is an eigenvalue below 100 × the regularization.</param>
public sealed record GaussianSpike(int Component, double EffectiveRows, double SmallestEigenvalue, bool TooFewRows)
{
    /// <summary>
    /// The first spike of <paramref name="mixture"/> fitted to data of total weight <paramref name="totalWeight"/>
    /// with <paramref name="regularization"/>: a covariance eigenvalue below 100 × the regularization, or a
    /// full-covariance component with fewer than D + 1 effective rows (its scatter matrix is then
    /// rank-deficient). Only the models that estimate each component's shape and orientation from its own
    /// rows (VVV, EVV) have that second rule: tied, diagonal, spherical and the models with a common shape or
    /// orientation estimate fewer numbers from each component, so only the eigenvalue rule applies to them.
    /// None when there is none.
    /// </summary>
    /// <param name="mixture">The fitted mixture.</param>
    /// <param name="totalWeight">Σ_i w_i of the data.</param>
    /// <param name="regularization">What the fit added to the covariance diagonals.</param>
    /// <param name="model">The covariance model the mixture was fitted with; null for its kind's own (VVV for full).</param>
    public static Option<GaussianSpike> Find(Mixture<GaussianComponent> mixture, double totalWeight, double regularization, CovarianceModel? model = null)
    {
        var ownShapeAndOrientation = (model ?? (mixture.Count > 0 ? CovarianceModels.Of(mixture.Components[0].Kind) : CovarianceModel.VVV)) is CovarianceModel.VVV or CovarianceModel.EVV;
        for (var k = 0; k < mixture.Count; k++)
        {
            var component = mixture.Components[k];
            var effectiveRows = mixture.Weights[k] * totalWeight;
            var smallest = SmallestEigenvalueOf(component);
            if (smallest < 100 * regularization) return Some(new GaussianSpike(k, effectiveRows, smallest, TooFewRows: false));
            if (ownShapeAndOrientation && component.Kind == CovarianceKind.Full && effectiveRows < component.Dimensions + 1)
                return Some(new GaussianSpike(k, effectiveRows, smallest, TooFewRows: true));
        }
        return None;
    }

    private static double SmallestEigenvalueOf(GaussianComponent component)
    {
        var stored = component.CovarianceParameters;
        switch (component.Kind)
        {
            case CovarianceKind.Diagonal:
            case CovarianceKind.Spherical:
                var smallest = double.PositiveInfinity;
                foreach (var variance in stored) smallest = Math.Min(smallest, variance);
                return smallest;
            default:
                var d = component.Dimensions;
                var matrix = Matrix<double>.Build.DenseOfRowMajor(d, d, stored.ToArray());
                return matrix.Evd(Symmetricity.Symmetric).EigenValues.Min(value => value.Real);
        }
    }
}
