using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Numerics;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 9: the numerical kernels against naive textbook formulas (explicit inverse and determinant are
/// fine here, in tests only): Gaussian log-densities of every kind, log-sum-exp, Cholesky.
/// </summary>
public class NumericsTests
{
    private static Gen<(CovarianceKind Kind, int D, int Seed)> ComponentCases =>
        from kind in Gen.Elements(Generators.Kinds)
        from d in Gen.Choose(1, 5)
        from seed in Generators.Seed
        select (kind, d, seed);

    [SeededProperty(300)]
    public Property LogDensitiesMatchTheTextbookFormula_ForEveryKind()
    {
        return Prop.ForAll(Arb.From(ComponentCases), testCase =>
        {
            var (kind, d, seed) = testCase;
            var random = new Random(seed);
            var component = Generators.RandomComponent(random, kind, d);
            var rows = random.Next(1, 20);
            // Rows near the mean and far from it (log-densities down to about −10⁴).
            var block = Enumerable.Range(0, rows * d).Select(_ => (random.Next(3) == 0 ? 100 : 4) * (2 * random.NextDouble() - 1)).ToArray();
            var output = new double[rows];
            new GaussianFamily(kind).LogDensities(component, block, d, output);
            var direct = new double[rows];
            component.LogDensities(block, direct);
            for (var r = 0; r < rows; r++)
            {
                var expected = TestSupport.NaiveLogDensity(component, block.AsSpan(r * d, d));
                TestSupport.AssertClose(expected, output[r], 1e-10, $"{kind} log N(x_{r})");
                TestSupport.AssertIdentical(output[r], direct[r], $"family vs component, row {r}");
            }
            TestSupport.AssertClose(Math.Log(TestSupport.Matrix(component.FullCovariance(), d).Determinant()), component.LogDeterminant, 1e-10, "log|Σ|");
        });
    }

    [SeededProperty(100)]
    public Property PublicCreateAgreesWithTryCreateAndBuildsTheSameDensity()
    {
        return Prop.ForAll(Arb.From(ComponentCases), testCase =>
        {
            var (kind, d, seed) = testCase;
            var component = Generators.RandomComponent(new Random(seed), kind, d);
            var created = GaussianComponent.Create(kind, component.Mean, component.CovarianceParameters).Expect("Create");
            Assert.Equal(component, created);
            Assert.Equal(component.LogDeterminant, created.LogDeterminant);
        });
    }

    [Fact]
    public void CreateRejectsInvalidComponents()
    {
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Full, [0.0, 0.0], [1.0, 0.0, 0.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Diagonal, [0.0, 0.0], [1.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Spherical, [0.0], [1.0, 1.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Full, [], []).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Full, [double.NaN], [1.0]).ExpectLeft().Code);
        // Not symmetric, not positive definite, zero or negative variances.
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Full, [0.0, 0.0], [2.0, 0.5, 0.4, 2.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Tied, [0.0, 0.0], [1.0, 2.0, 2.0, 1.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Diagonal, [0.0, 0.0], [1.0, 0.0]).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, GaussianComponent.Create(CovarianceKind.Spherical, [0.0, 0.0], [-1.0]).ExpectLeft().Code);
        Assert.Null(GaussianComponent.TryCreate(CovarianceKind.Diagonal, [0.0], [double.PositiveInfinity]));
    }

    [SeededProperty(300)]
    public Property LogSumExpMatchesTheNaiveSumOnModerateValues()
    {
        var gen = Gen.Choose(-50_000, 50_000).Select(v => v / 1000.0).NonEmptyListOf().Select(list => list.Take(12).ToArray());
        return Prop.ForAll(Arb.From(gen), values =>
        {
            var naive = Math.Log(values.Sum(Math.Exp));
            TestSupport.AssertClose(naive, LogSumExp.Of(values), 1e-13, "log Σ exp");
        });
    }

    [SeededProperty(300)]
    public Property LogSumExpIsShiftEquivariantAndStableOnHugeValues()
    {
        var gen =
            from values in Gen.Choose(-50_000, 50_000).Select(v => v / 1000.0).NonEmptyListOf().Select(list => list.Take(12).ToArray())
            from shift in Gen.Elements(-1e5, -1000.0, 700.0, 1000.0, 1e5)
            select (values, shift);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (values, shift) = testCase;
            var shifted = LogSumExp.Of(values.Select(v => v + shift).ToArray());
            Assert.True(double.IsFinite(shifted), $"log-sum-exp overflowed or underflowed to {shifted}");
            // Absolute error: the shifted inputs themselves carry rounding of ε·|shift|.
            Assert.True(Math.Abs(LogSumExp.Of(values) + shift - shifted) <= 1e-13 * (Math.Abs(shift) + 60), $"{LogSumExp.Of(values) + shift:R} vs {shifted:R}");
        });
    }

    [Fact]
    public void LogSumExpKnownValues()
    {
        Assert.Equal(1000 + Math.Log(2), LogSumExp.Of([1000.0, 1000.0]), 12);
        Assert.Equal(-1000 + Math.Log(2), LogSumExp.Of([-1000.0, -1000.0]), 12);
        Assert.Equal(1e308, LogSumExp.Of([1e308, 0.0]));
        Assert.Equal(-745.5 + Math.Log(3), LogSumExp.Of([-745.5, -745.5, -745.5]), 12);
        Assert.Equal(3.25, LogSumExp.Of([3.25]));
        Assert.Equal(2.0, LogSumExp.Of([2.0, double.NegativeInfinity]));
        Assert.Equal(double.NegativeInfinity, LogSumExp.Of([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(double.NegativeInfinity, LogSumExp.Of([]));
        Assert.True(double.IsNaN(LogSumExp.Of([1.0, double.NaN])));
    }

    [SeededProperty(300)]
    public Property CholeskyReconstructsPositiveDefiniteMatrices()
    {
        var gen =
            from d in Gen.Choose(1, 6)
            from seed in Generators.Seed
            from floor in Gen.Elements(1e-8, 1e-3, 1.0)
            select (d, seed, floor);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (d, seed, floor) = testCase;
            var random = new Random(seed);
            var a = Generators.PositiveDefinite(random, d, floor, scale: 3);
            // Only the lower triangle may be read: garbage above the diagonal must not matter.
            var input = (double[])a.Clone();
            for (var i = 0; i < d; i++)
                for (var j = i + 1; j < d; j++) input[i * d + j] = double.NaN;
            var lower = Enumerable.Repeat(double.NaN, d * d).ToArray();
            Assert.True(Cholesky.TryFactor(input, d, lower), "a positive-definite matrix was rejected");
            var l = TestSupport.Matrix(lower, d);
            for (var i = 0; i < d; i++)
            {
                Assert.True(lower[i * d + i] > 0, $"L[{i},{i}] = {lower[i * d + i]}");
                for (var j = i + 1; j < d; j++) Assert.Equal(0.0, lower[i * d + j]);
            }
            var reconstructed = l * l.Transpose();
            var scale = a.Max(Math.Abs);
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                    Assert.True(Math.Abs(reconstructed[i, j] - a[i * d + j]) <= 1e-13 * scale, $"(L Lᵀ)[{i},{j}] = {reconstructed[i, j]:R}, A = {a[i * d + j]:R}");
            var matrix = TestSupport.Matrix(a, d);
            TestSupport.AssertClose(matrix.Cholesky().DeterminantLn, Cholesky.LogDeterminant(lower, d), 1e-10, "log|A|");
            var difference = Enumerable.Range(0, d).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            var v = Vector<double>.Build.DenseOfArray(difference);
            var expected = v * (matrix.Inverse() * v);
            var scratch = new double[d];
            // Relative to the condition number: the inverse itself is that inaccurate.
            TestSupport.AssertClose(expected, Cholesky.SquaredSolveNorm(lower, d, difference, scratch), 1e-12 * matrix.ConditionNumber(), "dᵀ A⁻¹ d");
        });
    }

    [SeededProperty(300)]
    public Property CholeskyRejectsMatricesThatAreNotPositiveDefinite()
    {
        var gen =
            from d in Gen.Choose(1, 6)
            from seed in Generators.Seed
            from smallest in Gen.Elements(0.0, -1e-12, -0.5, -10.0)
            select (d, seed, smallest);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (d, seed, smallest) = testCase;
            var random = new Random(seed);
            // Q diag(λ) Qᵀ with a random orthogonal Q and one eigenvalue ≤ 0, the others in [1, 3].
            var q = TestSupport.Matrix(Generators.PositiveDefinite(random, d), d).QR().Q;
            var eigenvalues = Enumerable.Range(0, d).Select(i => i == 0 ? smallest : 1 + 2 * random.NextDouble()).ToArray();
            var a = q * Matrix<double>.Build.DiagonalOfDiagonalArray(eigenvalues) * q.Transpose();
            var rowMajor = a.ToRowMajorArray();
            if (smallest == 0 && d > 1)
                return; // Exactly singular: rounding may leave a tiny positive pivot; the negative cases decide.
            Assert.False(Cholesky.TryFactor(rowMajor, d, new double[d * d]), $"eigenvalue {smallest} accepted");
        });
    }

    [Fact]
    public void CholeskyRejectsDegenerateInputs()
    {
        Assert.False(Cholesky.TryFactor([0.0], 1, new double[1]));
        Assert.False(Cholesky.TryFactor([0.0, 0.0, 0.0, 0.0], 2, new double[4]));
        Assert.False(Cholesky.TryFactor([1.0, 1.0, 1.0, 1.0], 2, new double[4]));
        Assert.False(Cholesky.TryFactor([-1.0, 0.0, 0.0, 1.0], 2, new double[4]));
        Assert.False(Cholesky.TryFactor([double.NaN], 1, new double[1]));
        Assert.False(Cholesky.TryFactor([double.PositiveInfinity], 1, new double[1]));
        Assert.True(Cholesky.TryFactor([4.0, 2.0, 2.0, 5.0], 2, new double[4]));
    }

    [SeededProperty(100)]
    public Property RandomSourceIsDeterministicAndInRange()
    {
        return Prop.ForAll(Arb.From(Generators.Seed64), seed =>
        {
            var a = RandomSource.Create(seed);
            var b = RandomSource.Create(seed);
            for (var i = 0; i < 50; i++)
            {
                var x = a.NextDouble();
                Assert.Equal(x, b.NextDouble());
                Assert.True(x >= 0 && x < 1);
                var n = a.NextInt(7);
                Assert.Equal(n, b.NextInt(7));
                Assert.InRange(n, 0, 6);
                var g = a.NextGaussian();
                Assert.Equal(g, b.NextGaussian());
                Assert.True(double.IsFinite(g));
            }
            Assert.NotEqual(RandomSource.DeriveSeed(seed, 0), RandomSource.DeriveSeed(seed, 1));
        });
    }
}
