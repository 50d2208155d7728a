using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// One Gaussian component seen through a missingness pattern (observed columns o, missing columns m):
/// the marginal N(μ_o, Σ_oo) that gives log p(x_o | k), and the conditional distribution of the missing
/// cells, x_m | x_o ~ N(μ_m + B (x_o − μ_o), C) with B = Σ_mo Σ_oo⁻¹ and C = Σ_mm − B Σ_om (Ghahramani
/// and Jordan 1994). Diagonal and spherical components have B = 0 and C = diag(σ²_m): their columns are
/// independent given the component.
/// </summary>
internal sealed class GaussianConditional : IConditional
{
    private readonly double[] _observedMean;
    private readonly double[] _missingMean;
    private readonly double[] _regression;   // d_m × d_o row-major; empty when B = 0

    private GaussianConditional(GaussianComponent? marginal, double[] observedMean, double[] missingMean, double[] regression, double[] covariance)
    {
        Marginal = marginal;
        _observedMean = observedMean;
        _missingMean = missingMean;
        _regression = regression;
        Covariance = covariance;
    }

    /// <summary>N(μ_o, Σ_oo) over the observed columns, of the component's kind; null when no column is observed.</summary>
    public GaussianComponent? Marginal { get; }

    /// <summary>C = Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om, d_m × d_m row-major (diagonal kinds: zero off the diagonal).</summary>
    public double[] Covariance { get; }

    /// <summary>B = Σ_mo Σ_oo⁻¹, d_m × d_o row-major; empty for the diagonal and spherical kinds (B = 0).</summary>
    public ReadOnlySpan<double> Regression => _regression;

    /// <summary>μ_m.</summary>
    public ReadOnlySpan<double> MissingMean => _missingMean;

    /// <summary>μ_o.</summary>
    public ReadOnlySpan<double> ObservedMean => _observedMean;

    /// <summary>
    /// The component through <paramref name="pattern"/>; null when Σ_oo is not positive definite (it is
    /// whenever Σ is, so only a component that is itself ill-defined gives null).
    /// </summary>
    public static GaussianConditional? Of(GaussianComponent component, MissingPattern pattern)
    {
        var d = component.Dimensions;
        var observed = pattern.Observed;
        var missing = pattern.Missing;
        var (o, m) = (observed.Length, missing.Length);
        var mean = component.Mean;
        var observedMean = new double[o];
        var missingMean = new double[m];
        for (var a = 0; a < o; a++) observedMean[a] = mean[observed[a]];
        for (var a = 0; a < m; a++) missingMean[a] = mean[missing[a]];
        var parameters = component.CovarianceParameters;
        var covariance = new double[m * m];
        var marginal = o == 0 ? null : MarginalOf(component, pattern);
        if (o > 0 && marginal is null) return null;
        if (component.Kind is CovarianceKind.Diagonal or CovarianceKind.Spherical)
        {
            for (var a = 0; a < m; a++) covariance[a * m + a] = parameters[component.Kind == CovarianceKind.Diagonal ? missing[a] : 0];
            return new GaussianConditional(marginal, observedMean, missingMean, [], covariance);
        }

        for (var a = 0; a < m; a++)
            for (var b = 0; b < m; b++)
                covariance[a * m + b] = parameters[missing[a] * d + missing[b]];
        if (marginal is null) return new GaussianConditional(null, observedMean, missingMean, [], covariance);

        // Σ_oo⁻¹ = UᵀU with U = L⁻¹; B = Σ_mo Σ_oo⁻¹; C = Σ_mm − B Σ_om.
        var u = marginal.InverseFactor;
        var precision = new double[o * o];
        for (var a = 0; a < o; a++)
            for (var b = 0; b <= a; b++)
            {
                var sum = 0.0;
                for (var r = a; r < o; r++) sum += u[r * o + a] * u[r * o + b];
                precision[a * o + b] = precision[b * o + a] = sum;
            }
        var regression = new double[m * o];
        for (var a = 0; a < m; a++)
            for (var b = 0; b < o; b++)
            {
                var sum = 0.0;
                for (var c = 0; c < o; c++) sum += parameters[missing[a] * d + observed[c]] * precision[c * o + b];
                regression[a * o + b] = sum;
            }
        for (var a = 0; a < m; a++)
            for (var b = 0; b < m; b++)
            {
                var sum = 0.0;
                for (var c = 0; c < o; c++) sum += regression[a * o + c] * parameters[observed[c] * d + missing[b]];
                covariance[a * m + b] -= sum;
            }
        // Symmetrize: the two triangles differ by rounding only.
        for (var a = 0; a < m; a++)
            for (var b = 0; b < a; b++)
                covariance[a * m + b] = covariance[b * m + a] = 0.5 * (covariance[a * m + b] + covariance[b * m + a]);
        return new GaussianConditional(marginal, observedMean, missingMean, regression, covariance);
    }

    /// <summary>
    /// N(μ_o, Σ_oo) of the component's kind over the pattern's observed columns (at least one), without the
    /// regression and conditional covariance: all the density of the observed cells needs. Null when Σ_oo
    /// is not positive definite.
    /// </summary>
    public static GaussianComponent? MarginalOf(GaussianComponent component, MissingPattern pattern)
    {
        var d = component.Dimensions;
        var observed = pattern.Observed;
        var o = observed.Length;
        var mean = new double[o];
        for (var a = 0; a < o; a++) mean[a] = component.Mean[observed[a]];
        var parameters = component.CovarianceParameters;
        double[] covariance;
        switch (component.Kind)
        {
            case CovarianceKind.Diagonal:
                covariance = new double[o];
                for (var a = 0; a < o; a++) covariance[a] = parameters[observed[a]];
                break;
            case CovarianceKind.Spherical:
                covariance = [parameters[0]];
                break;
            default:
                covariance = new double[o * o];
                for (var a = 0; a < o; a++)
                    for (var b = 0; b < o; b++)
                        covariance[a * o + b] = parameters[observed[a] * d + observed[b]];
                break;
        }
        return GaussianComponent.TryCreate(component.Kind, mean, covariance);
    }

    /// <summary>The lower Cholesky factor of C, made on the first draw (C is positive definite when Σ is; rounding is floored at 0).</summary>
    private double[]? _covarianceFactor;

    /// <summary>E[x_m | x_o] = μ_m + B (x_o − μ_o).</summary>
    public void Impute(ReadOnlySpan<double> observed, Span<double> missing) => ConditionalMean(observed, missing);

    /// <summary>E[x_m | x_o] + L_C z with z standard normal.</summary>
    public void Draw(ReadOnlySpan<double> observed, ref RandomSource random, Span<double> missing)
    {
        var m = _missingMean.Length;
        var factor = _covarianceFactor ??= Factor(Covariance, m);
        ConditionalMean(observed, missing);
        Span<double> z = m <= 128 ? stackalloc double[m] : new double[m];
        for (var a = 0; a < m; a++) z[a] = random.NextGaussian();
        for (var a = 0; a < m; a++)
        {
            var value = 0.0;
            for (var b = 0; b <= a; b++) value += factor[a * m + b] * z[b];
            missing[a] += value;
        }
    }

    private static double[] Factor(double[] covariance, int m)
    {
        var lower = new double[m * m];
        if (Cholesky.TryFactor(covariance, m, lower)) return lower;
        // C lost definiteness to rounding (a missing column nearly determined by the observed ones): use
        // the square roots of its diagonal, floored at 0, which keeps each cell's conditional variance.
        Array.Clear(lower);
        for (var a = 0; a < m; a++) lower[a * m + a] = Math.Sqrt(Math.Max(0, covariance[a * m + a]));
        return lower;
    }

    /// <summary>E[x_m | x_o] = μ_m + B (x_o − μ_o) for one row's observed values (in observed-column order).</summary>
    public void ConditionalMean(ReadOnlySpan<double> observedValues, Span<double> missingValues)
    {
        var (o, m) = (_observedMean.Length, _missingMean.Length);
        for (var a = 0; a < m; a++)
        {
            var value = _missingMean[a];
            if (_regression.Length > 0)
                for (var b = 0; b < o; b++) value += _regression[a * o + b] * (observedValues[b] - _observedMean[b]);
            missingValues[a] = value;
        }
    }
}
