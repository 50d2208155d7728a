namespace EmFunctional.Core.Numerics;

/// <summary>
/// Cholesky factorization Σ = L Lᵀ of small dense symmetric matrices stored row-major. The factor is
/// what every density evaluation needs: log|Σ| = 2 Σ_i log L_ii and the Mahalanobis term is ‖L⁻¹(x − μ)‖²,
/// so no explicit inverse or determinant is ever formed.
/// </summary>
public static class Cholesky
{
    /// <summary>
    /// Factors the n×n symmetric matrix <paramref name="matrix"/> (row-major, only the lower triangle is
    /// read) into the lower-triangular <paramref name="lower"/> (row-major, upper triangle zeroed).
    /// Returns false when the matrix is not numerically positive definite (a pivot ≤ 0 or not finite).
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> matrix, int n, Span<double> lower)
    {
        lower.Clear();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i * n + j];
                for (var k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum)) return false;
                    lower[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i * n + j] = sum / lower[j * n + j];
                }
            }
        }
        return true;
    }

    /// <summary>log|Σ| = 2 Σ_i log L_ii, read off the factor's diagonal.</summary>
    public static double LogDeterminant(ReadOnlySpan<double> lower, int n)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += Math.Log(lower[i * n + i]);
        return 2 * sum;
    }

    /// <summary>
    /// Squared Mahalanobis norm ‖L⁻¹ d‖² by forward substitution (L z = d), using
    /// <paramref name="scratch"/> (length n) for z.
    /// </summary>
    public static double SquaredSolveNorm(ReadOnlySpan<double> lower, int n, ReadOnlySpan<double> difference, Span<double> scratch)
    {
        var norm = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = lower.Slice(i * n, i + 1);
            var sum = difference[i];
            for (var k = 0; k < i; k++) sum -= row[k] * scratch[k];
            var z = sum / row[i];
            scratch[i] = z;
            norm += z * z;
        }
        return norm;
    }

    /// <summary>
    /// The inverse U = L⁻¹ of a lower-triangular factor (also lower triangular), by forward substitution
    /// on the identity, O(n³/6). With it the Mahalanobis term of many rows is ‖U(x − μ)‖², a
    /// triangular matrix product that vectorizes across rows, where a forward substitution per row
    /// would not. This inverts the triangular factor, never Σ itself (as scikit-learn's precision
    /// Cholesky does).
    /// </summary>
    public static void InvertLower(ReadOnlySpan<double> lower, int n, Span<double> inverse)
    {
        inverse.Clear();
        for (var c = 0; c < n; c++)
        {
            inverse[c * n + c] = 1.0 / lower[c * n + c];
            for (var i = c + 1; i < n; i++)
            {
                var sum = 0.0;
                for (var k = c; k < i; k++) sum -= lower[i * n + k] * inverse[k * n + c];
                inverse[i * n + c] = sum / lower[i * n + i];
            }
        }
    }
}
