using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// A conjugate prior on each Gaussian component, for MAP estimation as in mclust's <c>priorControl()</c>
/// (Fraley &amp; Raftery 2007, "Bayesian regularization for normal mixture estimation and model-based
/// clustering"). It keeps covariances away from singular, so a component on few or collinear points no
/// longer ends the fit.
/// <list type="bullet">
/// <item><b>Full</b>: Normal-inverse-Wishart, μ_k | Σ_k ~ N(μ₀, Σ_k / κ), Σ_k ~ IW(ν, Λ₀), independently per component.</item>
/// <item><b>Tied</b>: the shared Σ ~ IW(ν, Λ₀) once, and μ_k | Σ ~ N(μ₀, Σ / κ) for each k.</item>
/// <item><b>Diagonal</b>: per coordinate j, μ_kj | σ²_kj ~ N(μ₀_j, σ²_kj / κ) and σ²_kj ~ IG(ν/2, ς²_j/2), the
/// one-dimensional case of the above.</item>
/// <item><b>Spherical</b>: μ_k | σ²_k ~ N(μ₀, σ²_k I / κ) and σ²_k ~ IG(ν/2, ς²/2).</item>
/// </list>
/// IW(ν, Λ) has density |Λ|^(ν/2) |Σ|^(−(ν+D+1)/2) exp(−½ tr(ΛΣ⁻¹)) / (2^(νD/2) Γ_D(ν/2)), so Λ₀ acts like a
/// scatter matrix of ν pseudo-rows; IG(a, b) is its one-dimensional case with a = ν/2, b = ς²/2.
/// </summary>
/// <remarks>
/// The scale is stored in the kind's parametrization: Λ₀ as D×D row-major (full, tied), the D values ς²_j
/// (diagonal) or the single ς² (spherical). See <see cref="GaussianFamily.Estimate"/> for the posterior
/// modes and docs/families.md (Gaussian) for their derivation and the comparison with mclust. A prior of a
/// model's storage kind also serves EII (spherical), EEI, VEI, EVI (diagonal), EEV and VEV (full), each with
/// mclust's own MAP update and prior kernel (<see cref="GaussianFamily.Model"/>, <see cref="CovarianceModels.HasConjugatePrior"/>);
/// <see cref="LogDensity"/> is the kinds' density, not those kernels.
/// </remarks>
public sealed class GaussianPrior : IEquatable<GaussianPrior>
{
    /// <summary>mclust's default shrinkage κ = 0.01: the prior mean counts as 1/100 of a row.</summary>
    public const double DefaultShrinkage = 0.01;

    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly double[] _mean;
    private readonly double[] _scale;
    // Full/tied: the lower Cholesky factor M of Λ₀ (Λ₀ = M Mᵀ), for tr(Λ₀ Σ⁻¹) = Σ_c ‖L⁻¹ m_c‖².
    private readonly double[] _scaleFactor;

    private GaussianPrior(CovarianceKind kind, double shrinkage, double[] mean, double degreesOfFreedom, double[] scale, double[] scaleFactor, double logScaleDeterminant)
    {
        Kind = kind;
        Shrinkage = shrinkage;
        _mean = mean;
        DegreesOfFreedom = degreesOfFreedom;
        _scale = scale;
        _scaleFactor = scaleFactor;
        LogScaleDeterminant = logScaleDeterminant;
    }

    /// <summary>The covariance kind the prior is for (it fixes the shape of <see cref="Scale"/>).</summary>
    public CovarianceKind Kind { get; }

    /// <summary>Dimension D.</summary>
    public int Dimensions => _mean.Length;

    /// <summary>κ &gt; 0: how many rows' worth of weight the prior mean carries.</summary>
    public double Shrinkage { get; }

    /// <summary>μ₀, the prior mean (length D).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>ν: degrees of freedom (&gt; D − 1 for full and tied, &gt; 0 for diagonal and spherical).</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Λ₀ (D×D row-major), the ς²_j (D values) or ς² (one value), by <see cref="Kind"/>.</summary>
    public ReadOnlySpan<double> Scale => _scale;

    /// <summary>log|Λ₀| for full and tied, Σ_j log ς²_j for diagonal, log ς² for spherical.</summary>
    public double LogScaleDeterminant { get; }

    /// <summary>
    /// A prior with explicit hyper-parameters. Fails, listing every problem, when κ is not finite and
    /// positive, μ₀ has a non-finite value, ν is too small (ν &gt; D − 1 for full and tied, ν &gt; 0 otherwise),
    /// or the scale has the wrong length, is not symmetric positive definite (full, tied) or has a value
    /// that is not finite and positive (diagonal, spherical).
    /// </summary>
    public static Validation<Error, GaussianPrior> Create(
        CovarianceKind kind, double shrinkage, ReadOnlySpan<double> mean, double degreesOfFreedom, ReadOnlySpan<double> scale)
    {
        var d = mean.Length;
        var problems = new List<Error>();
        if (d < 1) problems.Add(Errors.InvalidInput("the prior mean must have at least one value"));
        if (!(shrinkage > 0) || !double.IsFinite(shrinkage))
            problems.Add(Errors.InvalidInput($"the prior shrinkage κ is {shrinkage:R}; it must be a finite positive number (default {DefaultShrinkage})"));
        for (var j = 0; j < d; j++)
            if (!double.IsFinite(mean[j])) problems.Add(Errors.InvalidInput($"the prior mean has a value that is not a finite number at {j}"));
        var full = kind is CovarianceKind.Full or CovarianceKind.Tied;
        var minimum = full ? d - 1 : 0;
        if (!(degreesOfFreedom > minimum) || !double.IsFinite(degreesOfFreedom))
            problems.Add(Errors.InvalidInput($"the prior degrees of freedom ν is {degreesOfFreedom:R}; it must be finite and greater than {minimum} for {kind} covariances in {d} dimensions (default D + 2 = {d + 2})"));
        var expected = GaussianComponent.ParameterLength(kind, Math.Max(d, 1));
        double[] factor = [];
        var logDeterminant = 0.0;
        if (scale.Length != expected)
        {
            problems.Add(Errors.InvalidInput($"the prior scale of {kind} covariances in {d} dimensions has {expected} values, not {scale.Length}"));
        }
        else if (full && d >= 1)
        {
            var symmetric = true;
            for (var i = 0; i < d && symmetric; i++)
                for (var j = 0; j < i; j++)
                    if (Math.Abs(scale[i * d + j] - scale[j * d + i]) > 1e-10 * (Math.Abs(scale[i * d + j]) + Math.Abs(scale[j * d + i]) + 1e-300))
                    {
                        problems.Add(Errors.InvalidInput($"the prior scale matrix is not symmetric at ({i}, {j})"));
                        symmetric = false;
                        break;
                    }
            factor = new double[d * d];
            if (symmetric && !Cholesky.TryFactor(scale, d, factor))
                problems.Add(Errors.InvalidInput("the prior scale matrix is not positive definite"));
            else if (symmetric)
                logDeterminant = Cholesky.LogDeterminant(factor, d);
        }
        else
        {
            for (var j = 0; j < scale.Length; j++)
            {
                if (!(scale[j] > 0) || !double.IsFinite(scale[j]))
                    problems.Add(Errors.InvalidInput($"the prior scale has {scale[j]:R} at {j}; every value must be a finite positive number"));
                else
                    logDeterminant += Math.Log(scale[j]);
            }
        }
        return problems.Count > 0
            ? Validation<Error, GaussianPrior>.Fail(problems.ToSeq())
            : Success<Error, GaussianPrior>(new GaussianPrior(kind, shrinkage, mean.ToArray(), degreesOfFreedom, scale.ToArray(), factor, logDeterminant));
    }

    /// <summary>
    /// mclust's <c>defaultPrior</c> for <paramref name="components"/> components: κ = 0.01, μ₀ = the
    /// (weighted) data mean, ν = D + 2, and with V the (weighted, unbiased: Σ w_i (x_i − x̄)(x_i − x̄)ᵀ / (Σ w_i − 1))
    /// sample covariance and f = K^(−2/D): Λ₀ = f·V for full and tied (f·diag(V) when Σ w_i ≤ D, as mclust
    /// does for n ≤ p), and ς² = f·tr(V)/D for spherical and for every coordinate of diagonal (mclust uses one
    /// scalar for its diagonal models too). f shrinks the prior covariance to the size of one of K
    /// clusters that together span the data. Fails when Σ w_i ≤ 1 or the scale is degenerate (a constant
    /// column, or collinear columns for full and tied): then give the scale explicitly with <see cref="Create"/>.
    /// </summary>
    public static Validation<Error, GaussianPrior> Default(Dataset data, int components, CovarianceKind kind)
    {
        if (components < 1)
            return Validation<Error, GaussianPrior>.Fail(Seq1(Errors.InvalidInput($"components is {components}; it must be at least 1")));
        var total = data.TotalWeight;
        if (!(total > 1))
            return Validation<Error, GaussianPrior>.Fail(Seq1(Errors.InvalidInput($"the default prior needs a sample variance, but the total weight of the data is {total:g3}; give the prior's scale explicitly")));
        var d = data.Columns;
        var weights = new double[data.Rows];
        for (var i = 0; i < weights.Length; i++) weights[i] = data.Weight(i);
        // Diagonal and spherical priors need the variances only: no D × D scatter for them.
        var full = kind is CovarianceKind.Full or CovarianceKind.Tied;
        // With missing cells: the moments of the table with each missing cell at its column's mean.
        var statistics = new GaussianFamily(full ? CovarianceKind.Full : CovarianceKind.Diagonal).Summarize(data.Completed.Values, d, weights);
        var factor = Math.Pow(components, -2.0 / d);
        double[] scale;
        if (full)
        {
            scale = new double[d * d];
            var diagonalOnly = !(total > d);
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                    if (i == j || !diagonalOnly) scale[i * d + j] = factor * statistics.Scatter[i * d + j] / (total - 1);
        }
        else
        {
            var trace = 0.0;
            for (var j = 0; j < d; j++) trace += statistics.Scatter[j] / (total - 1);
            var value = factor * trace / d;
            scale = kind == CovarianceKind.Spherical ? [value] : Enumerable.Repeat(value, d).ToArray();
        }
        static Error Degenerate(string reason) => Errors.InvalidInput(
            $"the default prior cannot be built from this data ({reason}); the data probably has a constant or collinear column: give the prior's scale explicitly or drop the column");
        return Create(kind, DefaultShrinkage, statistics.Mean, d + 2, scale).Match(
            Succ: prior => prior.IsNumericallySingular()
                ? Validation<Error, GaussianPrior>.Fail(Seq1(Degenerate("the sample covariance is singular to rounding")))
                : Success<Error, GaussianPrior>(prior),
            Fail: errors => Validation<Error, GaussianPrior>.Fail(errors.Map(e => Degenerate(e.Message))));
    }

    /// <summary>
    /// True when a full scale's Cholesky factor has a pivot L_ii² below 1e-10 of the largest diagonal entry
    /// of Λ₀: the factorization only succeeded by rounding (e.g. a sample covariance of D + 1 or fewer
    /// distinct rows, which is singular), and Λ₀ + S_k could fail to factor in the M-step.
    /// </summary>
    private bool IsNumericallySingular()
    {
        if (Kind is not (CovarianceKind.Full or CovarianceKind.Tied)) return false;
        var d = Dimensions;
        var largest = 0.0;
        for (var i = 0; i < d; i++) largest = Math.Max(largest, _scale[i * d + i]);
        for (var i = 0; i < d; i++)
        {
            var pivot = _scaleFactor[i * d + i];
            if (pivot * pivot <= 1e-10 * largest) return true;
        }
        return false;
    }

    /// <summary>log Γ_D(a) = D(D − 1)/4 · log π + Σ_{j=1..D} log Γ(a + (1 − j)/2), the multivariate gamma function.</summary>
    public static double LogMultivariateGamma(double a, int dimensions)
    {
        var sum = dimensions * (dimensions - 1) / 4.0 * Math.Log(Math.PI);
        for (var j = 1; j <= dimensions; j++) sum += SpecialFunctions.GammaLn(a + (1 - j) / 2.0);
        return sum;
    }

    /// <summary>
    /// log p(θ_1, …, θ_K) of the components with their normalizing constants: Σ_k log NIW(μ_k, Σ_k) for
    /// full; log IW(Σ) + Σ_k log N(μ_k | μ₀, Σ/κ) for tied (the shared Σ counted once);
    /// Σ_k Σ_j [log N(μ_kj | μ₀_j, σ²_kj/κ) + log IG(σ²_kj | ν/2, ς²_j/2)] for diagonal; and
    /// Σ_k [log N(μ_k | μ₀, σ²_k I/κ) + log IG(σ²_k | ν/2, ς²/2)] for spherical.
    /// </summary>
    public double LogDensity(Arr<GaussianComponent> components)
    {
        var d = Dimensions;
        var sum = 0.0;
        switch (Kind)
        {
            case CovarianceKind.Full:
            case CovarianceKind.Tied:
            {
                var lower = new double[d * d];
                var difference = new double[d];
                var scratch = new double[d];
                for (var k = 0; k < components.Count; k++)
                {
                    var component = components[k];
                    // The tied Σ is the same matrix in every component: factor it once.
                    if (k == 0 || Kind == CovarianceKind.Full) Cholesky.TryFactor(component.FullCovariance(), d, lower);
                    var logDeterminant = component.LogDeterminant;
                    for (var j = 0; j < d; j++) difference[j] = component.Mean[j] - _mean[j];
                    var mahalanobis = Cholesky.SquaredSolveNorm(lower, d, difference, scratch);
                    // log N(μ | μ₀, Σ/κ) = −½ (D log 2π − D log κ + log|Σ| + κ (μ − μ₀)ᵀ Σ⁻¹ (μ − μ₀))
                    sum += -0.5 * (d * LogTwoPi - d * Math.Log(Shrinkage) + logDeterminant + Shrinkage * mahalanobis);
                    if (k == 0 || Kind == CovarianceKind.Full) sum += LogInverseWishart(lower, logDeterminant, difference, scratch);
                }
                break;
            }
            case CovarianceKind.Diagonal:
                foreach (var component in components)
                    for (var j = 0; j < d; j++)
                        sum += LogNormalInverseGamma(component.Mean[j] - _mean[j], component.CovarianceParameters[j], _scale[j], 1);
                break;
            default:
                foreach (var component in components)
                {
                    var squaredDistance = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        var delta = component.Mean[j] - _mean[j];
                        squaredDistance += delta * delta;
                    }
                    sum += LogNormalInverseGamma(Math.Sqrt(squaredDistance), component.CovarianceParameters[0], _scale[0], d);
                }
                break;
        }
        return sum;
    }

    /// <summary>
    /// log IW(Σ | ν, Λ₀) = ν/2 log|Λ₀| − νD/2 log 2 − log Γ_D(ν/2) − (ν + D + 1)/2 log|Σ| − ½ tr(Λ₀ Σ⁻¹), with
    /// Σ = L Lᵀ; the two work vectors are overwritten.
    /// </summary>
    private double LogInverseWishart(double[] lower, double logDeterminant, double[] column, double[] scratch)
    {
        var d = Dimensions;
        var nu = DegreesOfFreedom;
        var trace = 0.0;
        for (var c = 0; c < d; c++)
        {
            for (var i = 0; i < d; i++) column[i] = i >= c ? _scaleFactor[i * d + c] : 0;
            trace += Cholesky.SquaredSolveNorm(lower, d, column, scratch);
        }
        return nu / 2 * LogScaleDeterminant - nu * d / 2 * Math.Log(2) - LogMultivariateGamma(nu / 2, d)
            - (nu + d + 1) / 2 * logDeterminant - 0.5 * trace;
    }

    /// <summary>
    /// log N_m(μ | μ₀, σ² I / κ) + log IG(σ² | ν/2, ς²/2) for an m-dimensional mean at distance
    /// <paramref name="distance"/> from μ₀ and one variance σ² shared by its m coordinates.
    /// </summary>
    private double LogNormalInverseGamma(double distance, double variance, double scale, int m)
    {
        var a = DegreesOfFreedom / 2;
        var logVariance = Math.Log(variance);
        var normal = -0.5 * m * (LogTwoPi - Math.Log(Shrinkage) + logVariance) - Shrinkage * distance * distance / (2 * variance);
        var inverseGamma = a * Math.Log(scale / 2) - SpecialFunctions.GammaLn(a) - (a + 1) * logVariance - scale / (2 * variance);
        return normal + inverseGamma;
    }

    /// <inheritdoc />
    public bool Equals(GaussianPrior? other) =>
        other is not null && Kind == other.Kind && Shrinkage == other.Shrinkage && DegreesOfFreedom == other.DegreesOfFreedom
        && _mean.AsSpan().SequenceEqual(other._mean) && _scale.AsSpan().SequenceEqual(other._scale);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GaussianPrior);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Shrinkage, DegreesOfFreedom, _mean.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"GaussianPrior({Kind}, κ = {Shrinkage:g6}, μ₀ = [{string.Join(", ", _mean.Select(m => m.ToString("g6")))}], ν = {DegreesOfFreedom:g6}, scale = [{string.Join(", ", _scale.Select(s => s.ToString("g6")))}])";
}
