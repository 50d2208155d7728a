using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 4: Gaussian statistics are a monoid. Summarize(a ++ b) = Combine(Summarize a, Summarize b),
/// Combine is associative and Empty is its identity, for full and diagonal scatter; and, far from the
/// origin (offset 10⁶), the centred merge agrees with an exact two-pass reference where raw second
/// moments would lose about 10⁻² absolute (Σ x² ≈ N·10¹² with ε ≈ 10⁻¹⁶).
/// </summary>
public class StatisticsMonoidLaws
{
    private const double Offset = 1e6;

    /// <summary>Rows of y values on the grid 2⁻²⁰ (so Offset + y is exact in double) with their weights.</summary>
    public sealed record Part(double[] Y, double[] Weights)
    {
        public int Rows => Weights.Length;
        public double[] Shifted => Y.Select(v => Offset + v).ToArray();
        public override string ToString() => $"Part(rows {Rows}: y = [{string.Join(", ", Y.Select(v => v.ToString("R")))}], w = [{string.Join(", ", Weights.Select(v => v.ToString("R")))}])";
    }

    private static Gen<Part> Parts(int d) =>
        from rows in Gen.Choose(0, 12)
        from center in Gen.Choose(-8 << 20, 8 << 20).ArrayOf(d)
        from noise in Gen.Choose(-3 << 20, 3 << 20).ArrayOf(rows * d)
        from weights in Gen.Frequency((1, Gen.Constant(0.0)), (2, Gen.Constant(1.0)), (4, Gen.Choose(1, 1000).Select(w => w / 300.0))).ArrayOf(rows)
        select new Part(noise.Select((v, i) => (center[i % d] + v) / (double)(1 << 20)).ToArray(), weights);

    private static Gen<(int D, CovarianceKind Kind, Part A, Part B, Part C)> Cases =>
        from d in Gen.Choose(1, 4)
        from kind in Gen.Elements(CovarianceKind.Full, CovarianceKind.Diagonal)
        from a in Parts(d)
        from b in Parts(d)
        from c in Parts(d)
        select (d, kind, a, b, c);

    private static Part Concat(params Part[] parts) => new(parts.SelectMany(p => p.Y).ToArray(), parts.SelectMany(p => p.Weights).ToArray());

    private static GaussianStatistics Summarize(GaussianFamily family, int d, Part part, bool shifted = true) =>
        family.Summarize(shifted ? part.Shifted : part.Y, d, part.Weights);

    /// <summary>
    /// Asserts that <paramref name="actual"/> (of rows shifted by Offset) matches the two-pass statistics of
    /// the unshifted rows: N to 1e-14, mean to 1e-8 absolute (10⁻¹⁴ of the offset), scatter to 1e-9 of its scale.
    /// </summary>
    private static void AssertMatchesReference(Part part, int d, GaussianStatistics actual, string what)
    {
        var (n, mean, scatter) = TestSupport.TwoPass(part.Y, d, part.Weights);
        TestSupport.AssertClose(n, actual.Weight, 1e-14, $"{what} N");
        if (n == 0) return;
        for (var j = 0; j < d; j++)
            Assert.True(Math.Abs(Offset + mean[j] - actual.Mean[j]) <= 1e-8, $"{what} mean[{j}]: expected {Offset + mean[j]:R}, got {actual.Mean[j]:R}");
        var expected = actual.HasFullScatter ? scatter : Enumerable.Range(0, d).Select(j => scatter[j * d + j]).ToArray();
        Assert.Equal(expected.Length, actual.Scatter.Length);
        var scale = Math.Max(1, Enumerable.Range(0, d).Max(j => scatter[j * d + j]));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual.Scatter[i]) <= 1e-9 * scale,
                $"{what} scatter[{i}]: expected {expected[i]:R}, got {actual.Scatter[i]:R} (error {Math.Abs(expected[i] - actual.Scatter[i]):g3}, scale {scale:g3})");
    }

    private static void AssertEquivalent(GaussianStatistics expected, GaussianStatistics actual, string what)
    {
        TestSupport.AssertClose(expected.Weight, actual.Weight, 1e-14, $"{what} N");
        TestSupport.AssertClose(expected.Mean, actual.Mean, 1e-14, $"{what} mean");
        var scale = Math.Max(1, expected.Scatter.ToArray().Max(Math.Abs));
        for (var i = 0; i < expected.Scatter.Length; i++)
            Assert.True(Math.Abs(expected.Scatter[i] - actual.Scatter[i]) <= 1e-9 * scale, $"{what} scatter[{i}]: {expected.Scatter[i]:R} vs {actual.Scatter[i]:R}");
    }

    [SeededProperty(300)]
    public Property SummarizeOfConcatenationEqualsCombineOfSummaries_FarFromOrigin()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (d, kind, a, b, _) = testCase;
            var family = new GaussianFamily(kind);
            var whole = Summarize(family, d, Concat(a, b));
            var merged = family.Combine(Summarize(family, d, a), Summarize(family, d, b));
            AssertMatchesReference(Concat(a, b), d, whole, "Summarize(a ++ b)");
            AssertMatchesReference(Concat(a, b), d, merged, "Combine(Summarize a, Summarize b)");
        });
    }

    [SeededProperty(300)]
    public Property CombineIsAssociative()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (d, kind, a, b, c) = testCase;
            var family = new GaussianFamily(kind);
            var (sa, sb, sc) = (Summarize(family, d, a), Summarize(family, d, b), Summarize(family, d, c));
            var left = family.Combine(family.Combine(sa, sb), sc);
            var right = family.Combine(sa, family.Combine(sb, sc));
            AssertEquivalent(left, right, "(a·b)·c vs a·(b·c)");
            AssertMatchesReference(Concat(a, b, c), d, left, "(a·b)·c");
        });
    }

    [SeededProperty(200)]
    public Property EmptyIsTheIdentityOfCombine()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (d, kind, a, _, _) = testCase;
            var family = new GaussianFamily(kind);
            var empty = family.Empty(d);
            Assert.Equal(0, empty.Weight);
            Assert.Equal(kind == CovarianceKind.Full || d == 1, empty.HasFullScatter);
            var s = Summarize(family, d, a);
            Assert.Equal(s, family.Combine(empty, s));
            Assert.Equal(s, family.Combine(s, empty));
            Assert.Equal(empty, family.Combine(empty, empty));
            // Rows that all weigh 0 summarize to the identity too.
            Assert.Equal(empty, family.Summarize(a.Shifted, d, new double[a.Rows]));
        });
    }

    [SeededProperty(100)]
    public Property CombineIsIndependentOfHowRowsAreSplit()
    {
        // Splitting one row set at every position and merging gives the same statistics: what lets the
        // E-step summarize row blocks independently.
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (d, kind, a, b, _) = testCase;
            var family = new GaussianFamily(kind);
            var all = Concat(a, b);
            var whole = Summarize(family, d, all);
            for (var split = 0; split <= all.Rows; split++)
            {
                var first = new Part(all.Y[..(split * d)], all.Weights[..split]);
                var second = new Part(all.Y[(split * d)..], all.Weights[split..]);
                AssertEquivalent(whole, family.Combine(Summarize(family, d, first), Summarize(family, d, second)), $"split at {split}");
            }
        });
    }

    [Fact]
    public void TheToleranceWouldCatchRawSecondMoments()
    {
        // Guards the strength of the tests above: on rows near 10⁶ the raw-moment formula
        // S = Σ w x² − N m² misses the two-pass scatter by far more than the 1e-9 tolerance.
        var part = new Part([0.5, -0.25, 1.75, -1.5, 0.125, 0.75], [1, 1, 1, 1, 1, 1]);
        var (n, mean, scatter) = TestSupport.TwoPass(part.Y, 1, part.Weights);
        var raw = part.Shifted.Sum(x => x * x) - n * (Offset + mean[0]) * (Offset + mean[0]);
        Assert.True(Math.Abs(raw - scatter[0]) > 1e-6 * Math.Max(1, scatter[0]), $"raw moments happened to be accurate: {raw} vs {scatter[0]}");
        AssertMatchesReference(part, 1, Summarize(new GaussianFamily(CovarianceKind.Full), 1, part), "Summarize");
    }
}
