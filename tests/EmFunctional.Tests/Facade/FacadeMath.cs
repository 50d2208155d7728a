using System.Collections.Immutable;

namespace EmFunctional.Tests.Facade;

/// <summary>Independent, deliberately naive arithmetic the tests compare the library against.</summary>
internal static class FacadeMath
{
    /// <summary>
    /// N(x | μ, Σ) for D = 2 from the textbook formula with the explicit 2×2 inverse and determinant:
    /// exp(−½ (x−μ)ᵀ Σ⁻¹ (x−μ)) / (2π √|Σ|).
    /// </summary>
    public static double Density2(IReadOnlyList<double> x, IReadOnlyList<double> mean, IReadOnlyList<ImmutableArray<double>> covariance)
    {
        double a = covariance[0][0], b = covariance[0][1], c = covariance[1][0], d = covariance[1][1];
        var determinant = a * d - b * c;
        double u = x[0] - mean[0], v = x[1] - mean[1];
        // Σ⁻¹ = [d −b; −c a] / |Σ|
        var quadratic = (u * (d * u - b * v) + v * (-c * u + a * v)) / determinant;
        return Math.Exp(-0.5 * quadratic) / (2 * Math.PI * Math.Sqrt(determinant));
    }

    /// <summary>log Σ_k π_k N(x | μ_k, Σ_k), summing plain densities (fine for rows near the data).</summary>
    public static double MixtureLogDensity2(GaussianMixtureParameters parameters, IReadOnlyList<double> x)
    {
        var sum = 0.0;
        for (var k = 0; k < parameters.Components; k++)
            sum += parameters.Weights[k] * Density2(x, parameters.Means[k], parameters.Covariances[k]);
        return Math.Log(sum);
    }

    /// <summary>True when the Cholesky factorization of the matrix exists with positive pivots.</summary>
    public static bool IsPositiveDefinite(IReadOnlyList<ImmutableArray<double>> matrix)
    {
        var d = matrix.Count;
        var l = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i][j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }
        return true;
    }

    public static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-300);

    /// <summary>Largest relative difference between two parameter sets of the same shape (each entry relative to the larger magnitude, floored at 1 for near-zero entries such as small off-diagonals).</summary>
    public static double MaxRelativeDifference(GaussianMixtureParameters a, GaussianMixtureParameters b)
    {
        Assert.Equal(a.Components, b.Components);
        Assert.Equal(a.Dimensions, b.Dimensions);
        var worst = 0.0;
        void Compare(double x, double y) => worst = Math.Max(worst, Math.Abs(x - y) / Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))));
        for (var k = 0; k < a.Components; k++)
        {
            Compare(a.Weights[k], b.Weights[k]);
            for (var i = 0; i < a.Dimensions; i++)
            {
                Compare(a.Means[k][i], b.Means[k][i]);
                for (var j = 0; j < a.Dimensions; j++) Compare(a.Covariances[k][i][j], b.Covariances[k][i][j]);
            }
        }
        return worst;
    }

    /// <summary>A well-separated start for Old Faithful: short and long eruptions, diagonal covariances.</summary>
    public static GaussianMixtureParameters FaithfulStart(CovarianceType type) => type switch
    {
        CovarianceType.Spherical => new([0.4, 0.6], [[2.0, 55.0], [4.3, 80.0]], [[[10.0, 0.0], [0.0, 10.0]], [[20.0, 0.0], [0.0, 20.0]]]),
        CovarianceType.Tied => new([0.4, 0.6], [[2.0, 55.0], [4.3, 80.0]], [[[0.3, 0.0], [0.0, 36.0]], [[0.3, 0.0], [0.0, 36.0]]]),
        _ => new([0.4, 0.6], [[2.0, 55.0], [4.3, 80.0]], [[[0.3, 0.0], [0.0, 36.0]], [[0.2, 0.0], [0.0, 30.0]]]),
    };
}
