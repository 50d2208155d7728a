using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// The covariance M-step of the parsimonious models other than VVV, VVI, VII and EEE: given each
/// component's weight n_k and scatter W_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ, the Σ_k = λ_k D_k A_k D_kᵀ
/// of the model that minimize Σ_k [n_k log|Σ_k| + tr(W_k Σ_k⁻¹)] (Celeux and Govaert 1995).
/// </summary>
/// <remarks>
/// <para>Closed form: EII, EEI, EVI, EEV and EVV. Alternating exact minimization, each step a conditional
/// minimum so that the objective never increases (EM stays monotone): VEI and VEE (the common shape, or
/// shape and orientation, given the volumes, then the volumes), VEV (the common shape given the volumes,
/// with each D_k the eigenvectors of W_k), EVE and VVE (the common orientation by Jacobi sweeps of plane
/// rotations, each the exact minimizer over its angle, as in Flury's common principal components, then the
/// shapes and volumes in closed form). They stop when the objective changes by less than
/// <see cref="InnerTolerance"/> (relative) or after <see cref="MaxInnerIterations"/> rounds.</para>
/// <para>Regularization λ_reg enters as W_k + n_k λ_reg I, which for the four kinds is the λ_reg I added to
/// their covariances and keeps every model's constraints exact.</para>
/// <para>Pure: the arrays are local; each call starts from the same deterministic point (D from the
/// eigenvectors of Σ_k W_k, volumes from tr(W_k) / (n_k D)).</para>
/// </remarks>
internal static class ConstrainedCovariances
{
    public const double InnerTolerance = 1e-12;

    public const int MaxInnerIterations = 1000;

    /// <summary>
    /// The relative change of the objective at which EVE's and VVE's orientation sweeps stop. Looser than
    /// <see cref="InnerTolerance"/>: the sweeps converge linearly and start at the previous M-step's orientation,
    /// so every round already improves on the parameters EM came from.
    /// </summary>
    public const double OrientationTolerance = 1e-10;

    /// <summary>
    /// At most this many orientation sweeps per M-step when it starts from the previous orientation: every sweep
    /// improves on where EM was, so EM's own iterations carry on what one M-step leaves (a generalized EM step);
    /// on an ill-conditioned fit (components on few rows) a thousand sweeps per M-step crawled, each moving the
    /// objective by 1e-6, and made VVE fifteen times slower than mclust's.
    /// </summary>
    public const int WarmOrientationRounds = 100;

    /// <param name="model">One of the ten models with constraints across components.</param>
    /// <param name="weights">n_k.</param>
    /// <param name="scatters">W_k, D×D row-major for full storage, its D diagonal entries for diagonal and spherical storage (already regularized).</param>
    /// <param name="d">D.</param>
    /// <param name="starts">Each component's covariance before this M-step (full D×D row-major), or null: where EVE's and
    /// VVE's orientation iteration starts (else from the pooled scatter's eigenvectors).</param>
    /// <returns>Each component's covariance in the storage of <see cref="CovarianceModels.Storage"/>.</returns>
    public static double[][] Estimate(CovarianceModel model, double[] weights, double[][] scatters, int d, double[]?[]? starts = null) => model switch
    {
        CovarianceModel.EII => Eii(weights, scatters, d),
        CovarianceModel.EEI => Eei(weights, scatters, d),
        CovarianceModel.VEI => Vei(weights, scatters, d),
        CovarianceModel.EVI => Evi(weights, scatters, d),
        CovarianceModel.VEE => Vee(weights, scatters, d),
        CovarianceModel.EEV => Eev(weights, scatters, d),
        CovarianceModel.VEV => Vev(weights, scatters, d),
        CovarianceModel.EVV => Evv(weights, scatters, d),
        CovarianceModel.EVE => CommonOrientation(weights, scatters, d, variableVolume: false, starts),
        CovarianceModel.VVE => CommonOrientation(weights, scatters, d, variableVolume: true, starts),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "the model's M-step is its covariance kind's"),
    };

    private static double[][] Eii(double[] n, double[][] w, int d)
    {
        var trace = 0.0;
        foreach (var scatter in w)
            for (var j = 0; j < d; j++) trace += scatter[j];
        var volume = trace / (n.Sum() * d);
        return [.. w.Select(_ => new[] { volume })];
    }

    private static double[][] Eei(double[] n, double[][] w, int d)
    {
        var pooled = new double[d];
        var total = n.Sum();
        foreach (var scatter in w)
            for (var j = 0; j < d; j++) pooled[j] += scatter[j] / total;
        return [.. w.Select(_ => (double[])pooled.Clone())];
    }

    /// <summary>λ_k B with B diagonal, |B| = 1: B ∝ Σ_k diag(W_k) / λ_k, then λ_k = tr(W_k B⁻¹) / (n_k D).</summary>
    private static double[][] Vei(double[] n, double[][] w, int d)
    {
        var k = n.Length;
        var volumes = new double[k];
        for (var c = 0; c < k; c++) volumes[c] = w[c].Take(d).Sum() / (n[c] * d);
        var shape = new double[d];
        var previous = double.PositiveInfinity;
        for (var round = 0; round < MaxInnerIterations; round++)
        {
            Array.Clear(shape);
            for (var c = 0; c < k; c++)
                for (var j = 0; j < d; j++) shape[j] += w[c][j] / volumes[c];
            NormalizeDeterminant(shape);
            var objective = 0.0;
            for (var c = 0; c < k; c++)
            {
                var trace = 0.0;
                for (var j = 0; j < d; j++) trace += w[c][j] / shape[j];
                volumes[c] = trace / (n[c] * d);
                objective += n[c] * d * (Math.Log(volumes[c]) + 1);
            }
            if (Converged(previous, objective)) break;
            previous = objective;
        }
        return [.. volumes.Select(volume => shape.Select(a => volume * a).ToArray())];
    }

    /// <summary>λ B_k: B_k = diag(W_k) / |diag(W_k)|^{1/D}, λ = Σ_k |diag(W_k)|^{1/D} / n.</summary>
    private static double[][] Evi(double[] n, double[][] w, int d)
    {
        var scales = w.Select(scatter => GeometricMean(scatter.AsSpan(0, d))).ToArray();
        var volume = scales.Sum() / n.Sum();
        return [.. w.Select((scatter, c) => scatter.Take(d).Select(x => volume * x / scales[c]).ToArray())];
    }

    /// <summary>λ_k C with |C| = 1: C ∝ Σ_k W_k / λ_k, then λ_k = tr(W_k C⁻¹) / (n_k D).</summary>
    private static double[][] Vee(double[] n, double[][] w, int d)
    {
        var k = n.Length;
        var volumes = new double[k];
        for (var c = 0; c < k; c++) volumes[c] = Trace(w[c], d) / (n[c] * d);
        var scatters = w.Select(s => Matrix<double>.Build.DenseOfRowMajor(d, d, s)).ToArray();
        Matrix<double> shape = Matrix<double>.Build.Dense(d, d);
        var previous = double.PositiveInfinity;
        for (var round = 0; round < MaxInnerIterations; round++)
        {
            var sum = Matrix<double>.Build.Dense(d, d);
            // Multiplications, not Matrix.Divide, which throws on a zero volume: an undefined shape must become
            // an ill-defined covariance (NaN, which the M-step reports), never an exception.
            for (var c = 0; c < k; c++) sum += scatters[c] * (1 / volumes[c]);
            shape = sum * (1 / RootOfDeterminant(sum, d));
            if (!shape.Enumerate().All(double.IsFinite)) return [.. volumes.Select(_ => Enumerable.Repeat(double.NaN, d * d).ToArray())];
            var inverse = shape.Inverse();
            var objective = 0.0;
            for (var c = 0; c < k; c++)
            {
                volumes[c] = scatters[c].TransposeThisAndMultiply(inverse).Trace() / (n[c] * d);
                objective += n[c] * d * (Math.Log(volumes[c]) + 1);
            }
            if (Converged(previous, objective)) break;
            previous = objective;
        }
        return [.. volumes.Select(volume => Symmetric(shape * volume, d))];
    }

    /// <summary>λ D_k A D_kᵀ: W_k = L_k Ω_k L_kᵀ (eigenvalues descending), D_k = L_k, A ∝ Σ_k Ω_k, λ = |Σ_k Ω_k|^{1/D} / n.</summary>
    private static double[][] Eev(double[] n, double[][] w, int d)
    {
        var eigen = w.Select(s => Eigen(s, d)).ToArray();
        var shape = new double[d];
        foreach (var (values, _) in eigen)
            for (var j = 0; j < d; j++) shape[j] += values[j];
        var volume = GeometricMean(shape) / n.Sum();
        NormalizeDeterminant(shape);
        return [.. eigen.Select(e => Compose(e.Vectors, shape.Select(a => volume * a).ToArray(), d))];
    }

    /// <summary>λ_k D_k A D_kᵀ: D_k = L_k; A ∝ Σ_k Ω_k / λ_k and λ_k = tr(Ω_k A⁻¹) / (n_k D) in turn.</summary>
    private static double[][] Vev(double[] n, double[][] w, int d)
    {
        var k = n.Length;
        var eigen = w.Select(s => Eigen(s, d)).ToArray();
        var volumes = new double[k];
        for (var c = 0; c < k; c++) volumes[c] = eigen[c].Values.Sum() / (n[c] * d);
        var shape = new double[d];
        var previous = double.PositiveInfinity;
        for (var round = 0; round < MaxInnerIterations; round++)
        {
            Array.Clear(shape);
            for (var c = 0; c < k; c++)
                for (var j = 0; j < d; j++) shape[j] += eigen[c].Values[j] / volumes[c];
            NormalizeDeterminant(shape);
            var objective = 0.0;
            for (var c = 0; c < k; c++)
            {
                var trace = 0.0;
                for (var j = 0; j < d; j++) trace += eigen[c].Values[j] / shape[j];
                volumes[c] = trace / (n[c] * d);
                objective += n[c] * d * (Math.Log(volumes[c]) + 1);
            }
            if (Converged(previous, objective)) break;
            previous = objective;
        }
        return [.. eigen.Select((e, c) => Compose(e.Vectors, shape.Select(a => volumes[c] * a).ToArray(), d))];
    }

    /// <summary>λ C_k with |C_k| = 1: C_k = W_k / |W_k|^{1/D}, λ = Σ_k |W_k|^{1/D} / n.</summary>
    private static double[][] Evv(double[] n, double[][] w, int d)
    {
        var scales = w.Select(s => RootOfDeterminant(Matrix<double>.Build.DenseOfRowMajor(d, d, s), d)).ToArray();
        var volume = scales.Sum() / n.Sum();
        return [.. w.Select((s, c) => s.Select(x => volume * x / scales[c]).ToArray())];
    }

    /// <summary>
    /// EVE (λ D A_k Dᵀ) and VVE (λ_k D A_k Dᵀ = D Δ_k Dᵀ): given D, with M_k = Dᵀ W_k D, the shapes and
    /// volumes are closed form (EVE: A_k ∝ diag M_k, λ = Σ_k |diag M_k|^{1/D} / n; VVE: Δ_k = diag M_k / n_k);
    /// given those, a Jacobi sweep rotates each pair of D's columns by the angle that minimizes
    /// Σ_k tr(M_k Δ_k⁻¹) exactly. The sweeps start from the previous M-step's orientation when there was one (the
    /// eigenvectors of Σ_k n_k Σ_k, which share it): each M-step then begins where EM is, can only improve on it, and
    /// near convergence needs a few sweeps instead of hundreds from the pooled scatter's eigenvectors (mclust's
    /// <c>meEVE</c> keeps its orientation across iterations too).
    /// </summary>
    private static double[][] CommonOrientation(double[] n, double[][] w, int d, bool variableVolume, double[]?[]? starts)
    {
        var k = n.Length;
        var total = n.Sum();
        var pooled = new double[d * d];
        var warm = starts is { } given && given.Length == k && given.All(start => start is not null && start.Length == d * d);
        for (var c = 0; c < k; c++)
            for (var i = 0; i < pooled.Length; i++) pooled[i] += warm ? n[c] * starts![c]![i] : w[c][i];
        var orientation = Eigen(pooled, d).Vectors;   // D×D row-major, columns the directions
        var rotated = w.Select(s => Rotate(s, orientation, d)).ToArray();
        var diagonals = new double[k][];
        var previous = double.PositiveInfinity;
        for (var round = 0; round < (warm ? WarmOrientationRounds : MaxInnerIterations); round++)
        {
            // The closed-form shapes and volumes given D, and the objective there.
            var objective = 0.0;
            if (variableVolume)
            {
                for (var c = 0; c < k; c++)
                {
                    diagonals[c] = new double[d];
                    for (var j = 0; j < d; j++)
                    {
                        diagonals[c][j] = rotated[c][j * d + j] / n[c];
                        objective += n[c] * (Math.Log(diagonals[c][j]) + 1);
                    }
                }
            }
            else
            {
                var scales = new double[k];
                for (var c = 0; c < k; c++) scales[c] = GeometricMean(Enumerable.Range(0, d).Select(j => rotated[c][j * d + j]).ToArray());
                var volume = scales.Sum() / total;
                for (var c = 0; c < k; c++)
                {
                    diagonals[c] = new double[d];
                    for (var j = 0; j < d; j++) diagonals[c][j] = volume * rotated[c][j * d + j] / scales[c];
                }
                objective = total * d * (Math.Log(volume) + 1);
            }
            if (Math.Abs(previous - objective) <= OrientationTolerance * Math.Abs(objective) || d == 1) break;
            previous = objective;
            Sweep(rotated, diagonals, orientation, d);
        }
        return [.. diagonals.Select(diagonal => Compose(orientation, diagonal, d))];
    }

    /// <summary>One Jacobi sweep over the pairs (i, j) of D's columns, each rotation minimizing Σ_k Σ_l M_k,ll / Δ_k,l over its angle.</summary>
    private static void Sweep(double[][] rotated, double[][] diagonals, double[] orientation, int d)
    {
        var k = rotated.Length;
        for (var i = 0; i < d - 1; i++)
            for (var j = i + 1; j < d; j++)
            {
                // Along the angle θ the objective is const + P cos 2θ + Q sin 2θ.
                double p = 0, q = 0;
                for (var c = 0; c < k; c++)
                {
                    var contrast = 1 / diagonals[c][i] - 1 / diagonals[c][j];
                    var m = rotated[c];
                    p += contrast * (m[i * d + i] - m[j * d + j]) / 2;
                    q += contrast * m[i * d + j];
                }
                if (Math.Sqrt(p * p + q * q) <= 1e-15 * (Math.Abs(p) + Math.Abs(q) + double.Epsilon)) continue;
                var theta = Math.Atan2(-q, -p) / 2;
                if (theta == 0) continue;
                var (sin, cos) = Math.SinCos(theta);
                foreach (var m in rotated) RotatePlane(m, d, i, j, cos, sin);
                for (var r = 0; r < d; r++)
                {
                    var a = orientation[r * d + i];
                    var b = orientation[r * d + j];
                    orientation[r * d + i] = cos * a + sin * b;
                    orientation[r * d + j] = -sin * a + cos * b;
                }
            }
    }

    /// <summary>M ← Rᵀ M R for the rotation by θ in the plane of coordinates i and j.</summary>
    private static void RotatePlane(double[] m, int d, int i, int j, double cos, double sin)
    {
        for (var r = 0; r < d; r++)
        {
            var a = m[r * d + i];
            var b = m[r * d + j];
            m[r * d + i] = cos * a + sin * b;
            m[r * d + j] = -sin * a + cos * b;
        }
        for (var col = 0; col < d; col++)
        {
            var a = m[i * d + col];
            var b = m[j * d + col];
            m[i * d + col] = cos * a + sin * b;
            m[j * d + col] = -sin * a + cos * b;
        }
    }

    /// <summary>Dᵀ W D.</summary>
    private static double[] Rotate(double[] w, double[] orientation, int d)
    {
        var dm = Matrix<double>.Build.DenseOfRowMajor(d, d, orientation);
        var wm = Matrix<double>.Build.DenseOfRowMajor(d, d, w);
        return Symmetric(dm.TransposeThisAndMultiply(wm) * dm, d);
    }

    /// <summary>The eigenvalues of the symmetric W in descending order and the matching eigenvectors as the columns of a row-major D×D matrix.</summary>
    private static (double[] Values, double[] Vectors) Eigen(double[] w, int d)
    {
        var evd = Matrix<double>.Build.DenseOfRowMajor(d, d, w).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(j => evd.EigenValues[j].Real).ToArray();
        var values = order.Select(j => evd.EigenValues[j].Real).ToArray();
        var vectors = new double[d * d];
        for (var r = 0; r < d; r++)
            for (var c = 0; c < d; c++) vectors[r * d + c] = evd.EigenVectors[r, order[c]];
        return (values, vectors);
    }

    /// <summary>D diag(values) Dᵀ, exactly symmetric.</summary>
    private static double[] Compose(double[] vectors, double[] values, int d)
    {
        var result = new double[d * d];
        for (var r = 0; r < d; r++)
            for (var c = 0; c <= r; c++)
            {
                var sum = 0.0;
                for (var l = 0; l < d; l++) sum += vectors[r * d + l] * values[l] * vectors[c * d + l];
                result[r * d + c] = sum;
                result[c * d + r] = sum;
            }
        return result;
    }

    private static double[] Symmetric(Matrix<double> matrix, int d)
    {
        var result = new double[d * d];
        for (var r = 0; r < d; r++)
            for (var c = 0; c <= r; c++)
            {
                var value = (matrix[r, c] + matrix[c, r]) / 2;
                result[r * d + c] = value;
                result[c * d + r] = value;
            }
        return result;
    }

    private static double Trace(double[] w, int d)
    {
        var trace = 0.0;
        for (var j = 0; j < d; j++) trace += w[j * d + j];
        return trace;
    }

    /// <summary>
    /// |M|^{1/D} of a symmetric M through the log-determinant of its Cholesky factor (a determinant of many
    /// columns over- or underflows); NaN when M is not positive definite, which the M-step then reports as an
    /// ill-defined covariance.
    /// </summary>
    private static double RootOfDeterminant(Matrix<double> matrix, int d)
    {
        var lower = new double[d * d];
        return Numerics.Cholesky.TryFactor(matrix.ToRowMajorArray(), d, lower) ? Math.Exp(Numerics.Cholesky.LogDeterminant(lower, d) / d) : double.NaN;
    }

    /// <summary>(Π x_j)^{1/D}, through logs (a product of many variances over- or underflows).</summary>
    private static double GeometricMean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var x in values) sum += Math.Log(x);
        return Math.Exp(sum / values.Length);
    }

    /// <summary>Scales <paramref name="values"/> to a product of 1.</summary>
    private static void NormalizeDeterminant(double[] values)
    {
        var scale = GeometricMean(values);
        for (var j = 0; j < values.Length; j++) values[j] /= scale;
    }

    private static bool Converged(double previous, double objective) =>
        Math.Abs(previous - objective) <= InnerTolerance * Math.Abs(objective);
}
