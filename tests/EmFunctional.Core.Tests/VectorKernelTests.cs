using EmFunctional.Core.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// The SIMD kernels of <see cref="VectorKernels"/> against plain loops, on every length around the
/// vector width and the row-block size (the tails are where a vectorized loop goes wrong).
/// </summary>
public class VectorKernelTests
{
    private static Gen<(int Rows, int Columns, int Seed)> Shapes =>
        from rows in Gen.OneOf(Gen.Choose(1, 19), Gen.Choose(250, 260))
        from columns in Gen.OneOf(Gen.Choose(1, 9), Gen.Choose(48, 66))
        from seed in Generators.Seed
        select (rows, columns, seed);

    [SeededProperty(200)]
    public Property Transpose_PutsEveryValueAtItsColumnAndRow_AndTouchesNothingElse()
    {
        return Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var (rows, columns, seed) = shape;
            var random = new Random(seed);
            var block = Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble()).ToArray();
            var stride = VectorKernels.ColumnStride(rows);
            Assert.True(stride >= rows, "a column must hold every row");
            var transposed = Enumerable.Repeat(double.NaN, columns * stride).ToArray();
            VectorKernels.Transpose(block, rows, columns, transposed, stride);
            for (var j = 0; j < columns; j++)
            {
                for (var r = 0; r < rows; r++) Assert.Equal(block[r * columns + j], transposed[j * stride + r]);
                for (var r = rows; r < stride; r++) Assert.True(double.IsNaN(transposed[j * stride + r]), $"padding of column {j} written at {r}");
            }
        });
    }

    [Fact]
    public void ColumnStride_KeepsConsecutiveColumnsOffThe4KiBAliasingPattern()
    {
        // A 48 KiB, 12-way L1 has 64 sets of 64-byte lines, so addresses 4 KiB apart share a set. Columns that
        // start in the same set evict each other when a transposition writes them all at once: the first 64
        // columns of a block must start in 64 different sets (and on whole vectors, for the SIMD passes).
        foreach (var rows in new[] { 1, 7, 8, 64, 200, 255, 256, 512 })
        {
            var stride = VectorKernels.ColumnStride(rows);
            Assert.True(stride >= rows && stride % 8 == 0, $"rows {rows}: stride {stride}");
            var sets = Enumerable.Range(0, 64).Select(j => (long)j * stride * sizeof(double) / 64 % 64).Distinct().Count();
            Assert.Equal(64, sets);
        }
    }

    [SeededProperty(200)]
    public Property FusedDiagonalKernels_MatchTheirPlainFormulas()
    {
        return Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var (rows, _, seed) = shape;
            var random = new Random(seed);
            var x = Enumerable.Range(0, rows).Select(_ => 1e3 + 10 * random.NextDouble()).ToArray();
            var w = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
            var start = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
            var a = 0.5 + random.NextDouble();
            var c = 1e3 + 5 * random.NextDouble();

            var y = (double[])start.Clone();
            VectorKernels.AddScaledSquaredDifferences(a, x, c, y);
            for (var r = 0; r < rows; r++)
                TestSupport.AssertClose(start[r] + a * (x[r] - c) * (x[r] - c), y[r], 1e-13, $"y[{r}]");

            var expected = 0.0;
            for (var r = 0; r < rows; r++) expected += w[r] * (x[r] - c) * (x[r] - c);
            TestSupport.AssertClose(expected, VectorKernels.WeightedSquaredDeviations(w, x, c), 1e-12, "Σ w (x − c)²");
        });
    }
}
