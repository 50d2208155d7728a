using EmFunctional.Core.Families.Gaussian;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests.Missing;

/// <summary>
/// The textbook EM step for a Gaussian mixture on incomplete rows, written row by row with dense
/// matrices and explicit inverses (acceptable in tests only), independently of the library's grouped,
/// blocked kernels: for each row and component the observed sub-mean and sub-covariance give
/// log N(x_o | μ_o, Σ_oo); the row's E[x_m | x_o, k] and Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om give the expected
/// first and second moments; the M-step divides them.
/// </summary>
internal static class NaiveIncompleteGaussianEm
{
    public sealed record Result(double LogLikelihood, double[] Weights, double[][] Means, double[][] Covariances);

    /// <summary>log p(x_o | k) of one row (NaN = missing).</summary>
    public static double LogDensity(GaussianComponent component, double[] row)
    {
        var observed = Enumerable.Range(0, row.Length).Where(j => !double.IsNaN(row[j])).ToArray();
        var sigma = TestSupport.Matrix(component.FullCovariance(), row.Length);
        var sub = Matrix<double>.Build.Dense(observed.Length, observed.Length, (a, b) => sigma[observed[a], observed[b]]);
        var difference = Vector<double>.Build.Dense(observed.Length, a => row[observed[a]] - component.Mean[observed[a]]);
        return -0.5 * (observed.Length * Math.Log(2 * Math.PI) + Math.Log(sub.Determinant()) + difference * (sub.Inverse() * difference));
    }

    /// <summary>E[x | x_o, k] (the row with its missing cells filled) and the conditional covariance, padded to D × D.</summary>
    public static (double[] Filled, Matrix<double> Covariance) Conditional(GaussianComponent component, double[] row)
    {
        var d = row.Length;
        var observed = Enumerable.Range(0, d).Where(j => !double.IsNaN(row[j])).ToArray();
        var missing = Enumerable.Range(0, d).Where(j => double.IsNaN(row[j])).ToArray();
        var sigma = TestSupport.Matrix(component.FullCovariance(), d);
        var filled = (double[])row.Clone();
        var padded = Matrix<double>.Build.Dense(d, d);
        if (missing.Length == 0) return (filled, padded);
        var smm = Matrix<double>.Build.Dense(missing.Length, missing.Length, (a, b) => sigma[missing[a], missing[b]]);
        if (observed.Length == 0)
        {
            foreach (var j in missing) filled[j] = component.Mean[j];
            for (var a = 0; a < missing.Length; a++)
                for (var b = 0; b < missing.Length; b++) padded[missing[a], missing[b]] = smm[a, b];
            return (filled, padded);
        }
        var soo = Matrix<double>.Build.Dense(observed.Length, observed.Length, (a, b) => sigma[observed[a], observed[b]]);
        var smo = Matrix<double>.Build.Dense(missing.Length, observed.Length, (a, b) => sigma[missing[a], observed[b]]);
        var regression = smo * soo.Inverse();
        var difference = Vector<double>.Build.Dense(observed.Length, a => row[observed[a]] - component.Mean[observed[a]]);
        var shift = regression * difference;
        for (var a = 0; a < missing.Length; a++) filled[missing[a]] = component.Mean[missing[a]] + shift[a];
        var conditional = smm - regression * smo.Transpose();
        for (var a = 0; a < missing.Length; a++)
            for (var b = 0; b < missing.Length; b++) padded[missing[a], missing[b]] = conditional[a, b];
        return (filled, padded);
    }

    /// <summary>One EM step from <paramref name="mixture"/>: the log-likelihood of that mixture and the M-step's parameters (full covariances).</summary>
    public static Result Step(CovarianceKind kind, double regularization, double[][] rows, Mixture<GaussianComponent> mixture)
    {
        var k = mixture.Count;
        var d = rows[0].Length;
        var weight = new double[k];
        var first = Enumerable.Range(0, k).Select(_ => Vector<double>.Build.Dense(d)).ToArray();
        var second = Enumerable.Range(0, k).Select(_ => Matrix<double>.Build.Dense(d, d)).ToArray();
        var logLikelihood = 0.0;
        foreach (var row in rows)
        {
            var joint = Enumerable.Range(0, k).Select(c => Math.Log(mixture.Weights[c]) + LogDensity(mixture.Components[c], row)).ToArray();
            var max = joint.Max();
            var total = joint.Sum(a => Math.Exp(a - max));
            logLikelihood += max + Math.Log(total);
            for (var c = 0; c < k; c++)
            {
                var r = Math.Exp(joint[c] - max) / total;
                var (filled, covariance) = Conditional(mixture.Components[c], row);
                var x = Vector<double>.Build.DenseOfArray(filled);
                weight[c] += r;
                first[c] += r * x;
                second[c] += r * (x.OuterProduct(x) + covariance);
            }
        }
        var n = weight.Sum();
        var means = new double[k][];
        var scatters = new Matrix<double>[k];
        for (var c = 0; c < k; c++)
        {
            var mean = first[c] / weight[c];
            means[c] = mean.ToArray();
            scatters[c] = second[c] - weight[c] * mean.OuterProduct(mean);
        }
        var covariances = new double[k][];
        for (var c = 0; c < k; c++)
        {
            Matrix<double> sigma;
            switch (kind)
            {
                case CovarianceKind.Full:
                    sigma = scatters[c] / weight[c] + regularization * Matrix<double>.Build.DenseIdentity(d);
                    break;
                case CovarianceKind.Tied:
                    sigma = scatters.Aggregate((a, b) => a + b) / n + regularization * Matrix<double>.Build.DenseIdentity(d);
                    break;
                case CovarianceKind.Diagonal:
                    sigma = Matrix<double>.Build.DenseOfDiagonalArray((scatters[c] / weight[c]).Diagonal().ToArray()) + regularization * Matrix<double>.Build.DenseIdentity(d);
                    break;
                default:
                    var variance = (scatters[c] / weight[c]).Diagonal().Average() + regularization;
                    sigma = variance * Matrix<double>.Build.DenseIdentity(d);
                    break;
            }
            covariances[c] = sigma.ToRowMajorArray();
        }
        return new Result(logLikelihood, [.. weight.Select(w => w / n)], means, covariances);
    }
}
