using System.Globalization;
using EmFunctional.Core.Families.Gaussian;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests.Families.GaussianPriorTests;

/// <summary>Data and reference formulas for the Gaussian-prior tests.</summary>
public static class PriorTestData
{
    private static readonly Lazy<Dataset> FaithfulData = new(LoadFaithful);

    /// <summary>
    /// Old Faithful (272 × 2: eruptions, waiting) from <c>tests/data/faithful.csv</c>, which the build copies
    /// beside the test assembly.
    /// </summary>
    public static Dataset Faithful => FaithfulData.Value;

    private static Dataset LoadFaithful()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "faithful.csv");
        var values = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0)
            .SelectMany(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture))).ToArray();
        return Generators.ToDataset(values, values.Length / 2, 2);
    }

    /// <summary>mclust's default prior for the data, failing the test when it cannot be built.</summary>
    public static GaussianPrior DefaultPrior(Dataset data, int components, CovarianceKind kind) =>
        GaussianPrior.Default(data, components, kind).Match(Succ: p => p, Fail: e => throw new Xunit.Sdk.XunitException("Default failed: " + string.Join("; ", e.Map(x => x.Message))));

    /// <summary>
    /// The closed-form posterior mode of one component from (N, m, full S) by the textbook formulas, in the
    /// kind's covariance parametrization (λ added as in the family).
    /// </summary>
    public static (double[] Mean, double[] Covariance) PosteriorMode(GaussianPrior prior, double n, double[] mean, double[] scatter, double lambda)
    {
        var d = mean.Length;
        var kappa = prior.Shrinkage;
        var nu = prior.DegreesOfFreedom;
        var mu0 = prior.Mean.ToArray();
        var scale = prior.Scale.ToArray();
        var posteriorMean = mean.Select((m, j) => (kappa * mu0[j] + n * m) / (kappa + n)).ToArray();
        var delta = mean.Select((m, j) => m - mu0[j]).ToArray();
        var shrink = kappa * n / (kappa + n);
        double[] covariance;
        switch (prior.Kind)
        {
            case CovarianceKind.Full:
            case CovarianceKind.Tied:
                covariance = new double[d * d];
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                        covariance[i * d + j] = (scale[i * d + j] + scatter[i * d + j] + shrink * delta[i] * delta[j]) / (nu + n + d + 2) + (i == j ? lambda : 0);
                break;
            case CovarianceKind.Diagonal:
                covariance = Enumerable.Range(0, d).Select(j => (scale[j] + scatter[j * d + j] + shrink * delta[j] * delta[j]) / (nu + n + 3) + lambda).ToArray();
                break;
            default:
                var numerator = scale[0] + Enumerable.Range(0, d).Sum(j => scatter[j * d + j] + shrink * delta[j] * delta[j]);
                covariance = [numerator / (nu + (n + 1) * d + 2) + lambda];
                break;
        }
        return (posteriorMean, covariance);
    }

    /// <summary>
    /// log p(θ) by independent formulas: MathNet's inverse-Wishart and inverse-gamma densities and the
    /// textbook normal density with an explicit inverse and determinant (tests only).
    /// </summary>
    public static double ReferenceLogPrior(GaussianPrior prior, IReadOnlyList<GaussianComponent> components)
    {
        var d = prior.Dimensions;
        var kappa = prior.Shrinkage;
        var nu = prior.DegreesOfFreedom;
        var mu0 = Vector<double>.Build.DenseOfArray(prior.Mean.ToArray());
        double LogNormal(Vector<double> x, Vector<double> mean, Matrix<double> covariance) =>
            -0.5 * (d * Math.Log(2 * Math.PI) + Math.Log(covariance.Determinant()) + (x - mean) * (covariance.Inverse() * (x - mean)));
        var sum = 0.0;
        for (var k = 0; k < components.Count; k++)
        {
            var component = components[k];
            var sigma = component.CovarianceMatrix;
            var mu = component.MeanVector;
            switch (prior.Kind)
            {
                case CovarianceKind.Full:
                case CovarianceKind.Tied:
                    sum += LogNormal(mu, mu0, sigma / kappa);
                    if (prior.Kind == CovarianceKind.Full || k == 0)
                        sum += Math.Log(new MathNet.Numerics.Distributions.InverseWishart(nu, Matrix<double>.Build.DenseOfRowMajor(d, d, prior.Scale.ToArray())).Density(sigma));
                    break;
                case CovarianceKind.Diagonal:
                    sum += LogNormal(mu, mu0, sigma / kappa);
                    for (var j = 0; j < d; j++)
                        sum += new MathNet.Numerics.Distributions.InverseGamma(nu / 2, prior.Scale[j] / 2).DensityLn(sigma[j, j]);
                    break;
                default:
                    sum += LogNormal(mu, mu0, sigma / kappa);
                    sum += new MathNet.Numerics.Distributions.InverseGamma(nu / 2, prior.Scale[0] / 2).DensityLn(sigma[0, 0]);
                    break;
            }
        }
        return sum;
    }

    /// <summary>
    /// Δ / Σ_k N_k for the MAP M-step that produced <paramref name="state"/>'s mixture: how much adding λ to the
    /// posterior-mode covariances can have cost the mean log-posterior. The step maximizes
    /// −(c/2) log|Σ| − ½ tr(Σ⁻¹ M) with c its denominator (ν + N_k + D + 2 for full, ν + N_k + 3 per coordinate
    /// for diagonal, ν + (N_k + 1) D + 2 for spherical, ν + N + D + K + 1 for tied); Σ* + λI instead of the
    /// maximizer Σ* = M/c loses (c/2) Σ_s [ln(1 + λ/s) − λ/(s + λ)] over the eigenvalues s of Σ*.
    /// </summary>
    public static double RegularizationLoss(EmState<GaussianComponent> state, GaussianFamily family)
    {
        var lambda = family.Regularization;
        if (lambda == 0 || state.Diagnostics.Count == 0) return 0;
        var prior = family.Prior!;
        static double Term(double s, double lambda) => s <= 0 ? double.PositiveInfinity : Math.Log(1 + lambda / s) - lambda / (s + lambda);
        var counts = state.Diagnostics.Map(x => x.EffectiveCount).ToArray();
        var total = counts.Sum();
        var mixture = state.Mixture;
        var d = prior.Dimensions;
        var nu = prior.DegreesOfFreedom;
        double Eigen(GaussianComponent component) => TestSupport.Matrix(component.FullCovariance(), d).Evd(Symmetricity.Symmetric)
            .EigenValues.Select(e => Term(e.Real - lambda, lambda)).Sum();
        var loss = 0.0;
        switch (family.Kind)
        {
            case CovarianceKind.Tied:
                loss = (nu + total + d + mixture.Count + 1) / 2 * Eigen(mixture.Components[0]);
                break;
            case CovarianceKind.Full:
                for (var k = 0; k < mixture.Count; k++) loss += (nu + counts[k] + d + 2) / 2 * Eigen(mixture.Components[k]);
                break;
            case CovarianceKind.Diagonal:
                for (var k = 0; k < mixture.Count; k++)
                    foreach (var variance in mixture.Components[k].CovarianceParameters.ToArray())
                        loss += (nu + counts[k] + 3) / 2 * Term(variance - lambda, lambda);
                break;
            default:
                for (var k = 0; k < mixture.Count; k++)
                    loss += (nu + (counts[k] + 1) * d + 2) / 2 * Term(mixture.Components[k].CovarianceParameters[0] - lambda, lambda);
                break;
        }
        return loss / total;
    }
}
