using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// The noise component of a mixture (Banfield and Raftery 1993; mclust's <c>Vinv</c>): a uniform density
/// 1 / V over a box around the data, V its hypervolume. As mclust's <c>hypvol</c>, the box is the smaller of
/// the data's bounding box along the columns and along its principal axes, so a tilted cloud does not get
/// the empty corners of an axis-aligned box.
/// </summary>
/// <param name="LogVolume">log V.</param>
/// <param name="Center">The point the box's axes are measured from (the column means for the principal box, 0 for the column box).</param>
/// <param name="Axes">D × D, row-major, one axis per column (the identity for the column box).</param>
/// <param name="Lower">The box's lower corner along each axis.</param>
/// <param name="Upper">Its upper corner.</param>
public sealed record UniformNoise(double LogVolume, double[] Center, double[] Axes, double[] Lower, double[] Upper)
{
    /// <summary>log (1 / V), every row's log-density under the noise component.</summary>
    public double LogDensity => -LogVolume;

    /// <summary>D.</summary>
    public int Dimensions => Center.Length;

    /// <summary>A noise component of hypervolume exp(<paramref name="logVolume"/>) over the column box of <paramref name="lower"/> and <paramref name="upper"/> (a saved model's).</summary>
    public static UniformNoise OverColumns(double logVolume, double[] lower, double[] upper)
    {
        var d = lower.Length;
        var axes = new double[d * d];
        for (var j = 0; j < d; j++) axes[j * d + j] = 1;
        return new UniformNoise(logVolume, new double[d], axes, lower, upper);
    }

    /// <summary>
    /// mclust's <c>hypvol</c> of the rows with positive weight: the smaller of the bounding boxes along the
    /// columns and along the principal axes (one column: the range). Left when the rows have no extent in some
    /// direction (a constant column, or rows on a line in the plane), where no uniform density exists, or missing cells.
    /// </summary>
    public static Either<Error, UniformNoise> Around(Dataset data)
    {
        if (data.HasMissing) return Errors.InvalidInput("the noise component does not model missing cells yet; complete the rows or drop them");
        var d = data.Columns;
        var rows = Enumerable.Range(0, data.Rows).Where(i => data.Weight(i) > 0).ToArray();
        if (rows.Length < 2) return Errors.InvalidInput("the noise component needs at least two rows with positive weight to span a volume");
        var (columnLower, columnUpper) = Bounds(rows.Select(i => data.Row(i).ToArray()), d);
        var columnLog = LogVolumeOf(columnLower, columnUpper);
        if (!double.IsFinite(columnLog))
        {
            var flat = Enumerable.Range(0, d).First(j => !(columnUpper[j] > columnLower[j]));
            return Errors.InvalidInput($"column {flat + 1} takes a single value, so the data has no volume for the noise component's uniform density");
        }
        var byColumns = OverColumns(columnLog, columnLower, columnUpper);
        if (d == 1) return byColumns;

        var mean = new double[d];
        foreach (var i in rows)
        {
            var row = data.Row(i);
            for (var j = 0; j < d; j++) mean[j] += row[j] / rows.Length;
        }
        var scatter = Matrix<double>.Build.Dense(d, d);
        foreach (var i in rows)
        {
            var row = data.Row(i);
            for (var a = 0; a < d; a++)
                for (var b = 0; b < d; b++) scatter[a, b] += (row[a] - mean[a]) * (row[b] - mean[b]);
        }
        var vectors = scatter.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenVectors;
        var axes = new double[d * d];
        for (var a = 0; a < d; a++)
            for (var b = 0; b < d; b++) axes[a * d + b] = vectors[a, b];
        var scores = rows.Select(i =>
        {
            var row = data.Row(i);
            var score = new double[d];
            for (var b = 0; b < d; b++)
                for (var a = 0; a < d; a++) score[b] += (row[a] - mean[a]) * axes[a * d + b];
            return score;
        });
        var (lower, upper) = Bounds(scores, d);
        var principalLog = LogVolumeOf(lower, upper);
        if (!double.IsFinite(principalLog))
            return Errors.InvalidInput("the rows lie on a lower-dimensional subspace (a principal axis has no extent), so the data has no volume for the noise component's uniform density");
        return principalLog < columnLog ? new UniformNoise(principalLog, mean, axes, lower, upper) : byColumns;
    }

    /// <summary>Draws one point uniformly from the box into <paramref name="output"/>.</summary>
    public void Sample(ref RandomSource random, Span<double> output)
    {
        var d = Dimensions;
        for (var j = 0; j < d; j++) output[j] = Center[j];
        for (var b = 0; b < d; b++)
        {
            var score = Lower[b] + random.NextDouble() * (Upper[b] - Lower[b]);
            for (var a = 0; a < d; a++) output[a] += score * Axes[a * d + b];
        }
    }

    private static (double[] Lower, double[] Upper) Bounds(IEnumerable<double[]> points, int d)
    {
        var lower = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
        var upper = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
        foreach (var point in points)
            for (var j = 0; j < d; j++)
            {
                lower[j] = Math.Min(lower[j], point[j]);
                upper[j] = Math.Max(upper[j], point[j]);
            }
        return (lower, upper);
    }

    private static double LogVolumeOf(double[] lower, double[] upper)
    {
        var log = 0.0;
        for (var j = 0; j < lower.Length; j++) log += Math.Log(upper[j] - lower[j]);
        return log;
    }
}
