using LanguageExt;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// The MAP M-step of EII, EEI, VEI, EVI, EEV and VEV under a <see cref="GaussianPrior"/> as mclust 6.0.0's EM
/// computes it (its Fortran <c>me*p</c> routines, which <c>Mclust</c> and <c>em</c> run), and the log-prior that
/// step maximizes.
/// </summary>
/// <remarks>
/// <para>Each model's posterior mode is the maximum-likelihood step of <see cref="ConstrainedCovariances"/> on
/// pseudo-statistics, so that the constraints, closed forms and alternations stay those of the likelihood: the
/// mean shrinks to μ_k = (κ μ₀ + n_k m_k) / (κ + n_k); the scatter becomes B_k = s Λ + W_k + c_k δ_k δ_kᵀ, with
/// δ_k = m_k − μ₀, c_k = κ n_k / (κ + n_k) and Λ the prior's scale; the count becomes a_k = n_k + e_k. The step
/// then minimizes Σ_k [a_k log|Σ_k| + tr(B_k Σ_k⁻¹)] under the model's constraints.</para>
/// <para>e_k and s are read off mclust's denominators (ν the degrees of freedom, D the dimension, K the number
/// of components). Where the volume is shared only Σ_k e_k matters, and it is split evenly:
/// EII Σ e = K + (ν + 2)/D and s = 0 (mclust's σ² leaves the scale out); EEI Σ e = ν + 2 with the scale once
/// (s = 1/K); EVI Σ e = ν + 2; EEV Σ e = ν + D + 2; VEI e_k = (ν + 3)/D; VEV e_k = 0 (mclust's VEV does not use
/// ν); s = 1 for the last four.</para>
/// <para>The step is therefore the exact maximizer of the expected complete-data log-likelihood plus
/// log p̃(θ) = Σ_k [log N(μ_k | μ₀, Σ_k/κ) − ½ s tr(Λ Σ_k⁻¹) − ½ (e_k − 1) log|Σ_k|]: the normal prior of the
/// four kinds on each mean, times a covariance factor that is improper for most models and carries no
/// normalizing constant. <see cref="LogDensity"/> evaluates it, so EM is monotone in the log-posterior it reports.</para>
/// <para>EEI departs from mclust in one respect: mclust's EEI adds c_k δ_k δ_kᵀ to the scatter but leaves the
/// means at m_k, which is the posterior mode of no prior (EM could then decrease the log-posterior); here the
/// means shrink as in every other model.</para>
/// </remarks>
internal static class ConstrainedPrior
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>e_k, the pseudo-rows the prior adds to each component's count, and s, the share of Λ in each B_k.</summary>
    private static (double Count, double ScaleShare) Terms(CovarianceModel model, double nu, int d, int k) => model switch
    {
        CovarianceModel.EII => (1 + (nu + 2) / (d * (double)k), 0),
        CovarianceModel.EEI => ((nu + 2) / k, 1.0 / k),
        CovarianceModel.EVI => ((nu + 2) / k, 1),
        CovarianceModel.EEV => ((nu + d + 2) / k, 1),
        CovarianceModel.VEI => ((nu + 3) / d, 1),
        CovarianceModel.VEV => (0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "the model has no MAP step of this kind"),
    };

    /// <summary>
    /// The posterior means and the counts a_k and scatters B_k (plus n_k λ_reg on the diagonal, the
    /// regularization as in the maximum-likelihood step) to hand to <see cref="ConstrainedCovariances.Estimate"/>.
    /// The prior must be of the model's storage kind and dimension.
    /// </summary>
    public static (double[][] Means, double[] Counts, double[][] Scatters) Posterior(
        CovarianceModel model, GaussianPrior prior, Arr<GaussianStatistics> statistics, double regularization)
    {
        var k = statistics.Count;
        var d = prior.Dimensions;
        var kappa = prior.Shrinkage;
        var priorMean = prior.Mean;
        var scale = prior.Scale;
        var (extra, share) = Terms(model, prior.DegreesOfFreedom, d, k);
        var means = new double[k][];
        var counts = new double[k];
        var scatters = new double[k][];
        var delta = new double[d];
        for (var c = 0; c < k; c++)
        {
            var s = statistics[c];
            var n = s.Weight;
            var shrink = kappa * n / (kappa + n);
            means[c] = new double[d];
            for (var j = 0; j < d; j++)
            {
                means[c][j] = (kappa * priorMean[j] + n * s.Mean[j]) / (kappa + n);
                delta[j] = s.Mean[j] - priorMean[j];
            }
            var scatter = s.Scatter.ToArray();
            if (prior.Kind == CovarianceKind.Full)
            {
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                        scatter[i * d + j] += share * scale[i * d + j] + shrink * delta[i] * delta[j];
                for (var j = 0; j < d; j++) scatter[j * d + j] += n * regularization;
            }
            else
            {
                // Diagonal storage keeps D variances of the scatter; the scale is one value for spherical storage.
                for (var j = 0; j < d; j++)
                    scatter[j] += share * scale[scale.Length == 1 ? 0 : j] + shrink * delta[j] * delta[j] + n * regularization;
            }
            scatters[c] = scatter;
            counts[c] = n + extra;
        }
        return (means, counts, scatters);
    }

    /// <summary>log p̃(θ) of the components (see the remarks): what the MAP step maximizes beside the likelihood.</summary>
    public static double LogDensity(CovarianceModel model, GaussianPrior prior, Arr<GaussianComponent> components)
    {
        var d = prior.Dimensions;
        var kappa = prior.Shrinkage;
        var (extra, share) = Terms(model, prior.DegreesOfFreedom, d, components.Count);
        var difference = new double[d];
        var sum = 0.0;
        foreach (var component in components)
        {
            for (var j = 0; j < d; j++) difference[j] = component.Mean[j] - prior.Mean[j];
            var trace = share == 0 ? 0 : TraceWithInverse(component, prior.Scale);
            sum += 0.5 * d * (Math.Log(kappa) - LogTwoPi)
                - 0.5 * (kappa * Mahalanobis(component, difference) + share * trace + extra * component.LogDeterminant);
        }
        return sum;
    }

    /// <summary>vᵀ Σ⁻¹ v.</summary>
    private static double Mahalanobis(GaussianComponent component, ReadOnlySpan<double> v)
    {
        var d = v.Length;
        var covariance = component.CovarianceParameters;
        var sum = 0.0;
        if (component.Kind is CovarianceKind.Diagonal or CovarianceKind.Spherical)
        {
            // Spherical storage keeps one variance, diagonal storage D.
            for (var j = 0; j < d; j++) sum += v[j] * v[j] / covariance[covariance.Length == 1 ? 0 : j];
            return sum;
        }
        // Σ⁻¹ = UᵀU with U = L⁻¹ lower triangular: vᵀΣ⁻¹v = ‖U v‖².
        var u = component.InverseFactor;
        for (var i = 0; i < d; i++)
        {
            var row = 0.0;
            for (var j = 0; j <= i; j++) row += u[i * d + j] * v[j];
            sum += row * row;
        }
        return sum;
    }

    /// <summary>tr(Λ Σ⁻¹) for a scale and a component of the same storage (D values, or D×D).</summary>
    private static double TraceWithInverse(GaussianComponent component, ReadOnlySpan<double> scale)
    {
        var d = component.Dimensions;
        var covariance = component.CovarianceParameters;
        var sum = 0.0;
        if (component.Kind is CovarianceKind.Diagonal or CovarianceKind.Spherical)
        {
            // Spherical storage keeps one value, diagonal storage D.
            for (var j = 0; j < d; j++) sum += scale[scale.Length == 1 ? 0 : j] / covariance[covariance.Length == 1 ? 0 : j];
            return sum;
        }
        // tr(Λ UᵀU) = Σ_r u_rᵀ Λ u_r over the rows u_r of U, which vanish right of the diagonal.
        var u = component.InverseFactor;
        for (var r = 0; r < d; r++)
            for (var i = 0; i <= r; i++)
                for (var j = 0; j <= r; j++)
                    sum += u[r * d + i] * scale[i * d + j] * u[r * d + j];
        return sum;
    }
}
