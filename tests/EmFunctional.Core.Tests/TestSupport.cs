using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests;

/// <summary>Assertions and naive reference formulas shared by the law files.</summary>
public static class TestSupport
{
    /// <summary>The Right value; fails the test with the error's message on Left.</summary>
    public static T Expect<T>(this Either<Error, T> either, string what = "operation") =>
        either.Match(Right: value => value, Left: error => throw new Xunit.Sdk.XunitException($"{what} failed: [{error.Code}] {error.Message}"));

    /// <summary>The Left error; fails the test on Right.</summary>
    public static Error ExpectLeft<T>(this Either<Error, T> either, string what = "operation") =>
        either.Match(Right: _ => throw new Xunit.Sdk.XunitException($"{what} succeeded but was expected to fail"), Left: error => error);

    /// <summary>A state of a sequence that did not end in failure; fails the test on a failed one.</summary>
    public static EmState<TComponent> Expect<TComponent>(this EmState<TComponent> state, string what = "step") =>
        state.Failure.Match(Some: error => throw new Xunit.Sdk.XunitException($"{what} failed: [{error.Code}] {error.Message}"), None: () => state);

    /// <summary>The error a failed state carries; fails the test on a state that did not fail.</summary>
    public static Error ExpectFailure<TComponent>(this EmState<TComponent> state, string what = "step") =>
        state.Failure.Match(Some: error => error, None: () => throw new Xunit.Sdk.XunitException($"{what} succeeded but was expected to fail"));

    /// <summary>|a − b| ≤ tolerance · max(1, |a|, |b|): relative for large values, absolute near zero.</summary>
    public static bool Close(double a, double b, double tolerance) =>
        Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Asserts <see cref="Close(double,double,double)"/> with a message naming <paramref name="what"/>.</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        if (!Close(expected, actual, tolerance))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):g3}, tolerance {tolerance:g3})");
    }

    /// <summary>Element-wise <see cref="AssertClose"/>.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], tolerance, $"{what}[{i}]");
    }

    /// <summary>Bit-for-bit equality of two doubles (NaN equals NaN).</summary>
    public static void AssertIdentical(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (not bit-identical)");
    }

    /// <summary>Bit-for-bit equality of two mixtures: weights, means and stored covariances.</summary>
    public static void AssertIdentical(Mixture<GaussianComponent> expected, Mixture<GaussianComponent> actual, string what = "mixture")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            AssertIdentical(expected.Weights[k], actual.Weights[k], $"{what} weight {k}");
            Assert.Equal(expected.Components[k].Kind, actual.Components[k].Kind);
            var (em, am) = (expected.Components[k].Mean.ToArray(), actual.Components[k].Mean.ToArray());
            var (ec, ac) = (expected.Components[k].CovarianceParameters.ToArray(), actual.Components[k].CovarianceParameters.ToArray());
            Assert.Equal(em.Length, am.Length);
            Assert.Equal(ec.Length, ac.Length);
            for (var i = 0; i < em.Length; i++) AssertIdentical(em[i], am[i], $"{what} component {k} mean[{i}]");
            for (var i = 0; i < ec.Length; i++) AssertIdentical(ec[i], ac[i], $"{what} component {k} covariance[{i}]");
            AssertIdentical(expected.Components[k].LogDeterminant, actual.Components[k].LogDeterminant, $"{what} component {k} log-determinant");
        }
    }

    /// <summary>Bit-for-bit equality of two EM states (mixtures, evaluated mixtures, numbers, diagnostics, stop reason).</summary>
    public static void AssertIdentical(EmState<GaussianComponent> expected, EmState<GaussianComponent> actual, string what = "state")
    {
        Assert.Equal(expected.Iteration, actual.Iteration);
        AssertIdentical(expected.Mixture, actual.Mixture, $"{what} mixture");
        Assert.Equal(expected.EvaluatedMixture.IsSome, actual.EvaluatedMixture.IsSome);
        if (expected.EvaluatedMixture.IsSome)
            AssertIdentical(expected.EvaluatedMixture.IfNoneUnsafe(() => null!)!, actual.EvaluatedMixture.IfNoneUnsafe(() => null!)!, $"{what} evaluated mixture");
        AssertIdentical(expected.MeanLogLikelihood, actual.MeanLogLikelihood, $"{what} mean log-likelihood");
        AssertIdentical(expected.Change, actual.Change, $"{what} change");
        Assert.Equal(expected.ResponsibilityChange.IsSome, actual.ResponsibilityChange.IsSome);
        AssertIdentical(expected.ResponsibilityChange.IfNone(double.NaN), actual.ResponsibilityChange.IfNone(double.NaN), $"{what} responsibility change");
        Assert.Equal(expected.Diagnostics.Count, actual.Diagnostics.Count);
        for (var k = 0; k < expected.Diagnostics.Count; k++)
            AssertIdentical(expected.Diagnostics[k].EffectiveCount, actual.Diagnostics[k].EffectiveCount, $"{what} effective count {k}");
        Assert.Equal(expected.StopReason, actual.StopReason);
    }

    /// <summary>
    /// Approximate equality of two mixtures, component k of <paramref name="actual"/> compared with
    /// component <paramref name="map"/>[k] of <paramref name="expected"/> (identity when null).
    /// </summary>
    public static void AssertClose(Mixture<GaussianComponent> expected, Mixture<GaussianComponent> actual, double tolerance, string what = "mixture", int[]? map = null)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < actual.Count; k++)
        {
            var e = map is null ? k : map[k];
            AssertClose(expected.Weights[e], actual.Weights[k], tolerance, $"{what} weight {k}");
            AssertClose(expected.Components[e].Mean, actual.Components[k].Mean, tolerance, $"{what} component {k} mean");
            AssertClose(expected.Components[e].FullCovariance(), actual.Components[k].FullCovariance(), tolerance, $"{what} component {k} covariance");
        }
    }

    /// <summary>The states of <see cref="Em.Iterate"/> before any failure, at most <paramref name="count"/>, and the error that ended it, if any.</summary>
    public static (List<EmState<GaussianComponent>> States, Error? Error) Run(
        GaussianFamily family, Dataset data, Mixture<GaussianComponent> start, int count, bool trackResponsibilityChange = false)
    {
        var states = new List<EmState<GaussianComponent>>();
        foreach (var step in Em.Iterate(family, data, start, trackResponsibilityChange).Take(count))
        {
            if (step.Failed) return (states, (Error)step.Failure);
            states.Add(step);
        }
        return (states, null);
    }

    /// <summary>Σ as a MathNet matrix.</summary>
    public static Matrix<double> Matrix(double[] rowMajor, int d) => Matrix<double>.Build.DenseOfRowMajor(d, d, rowMajor);

    /// <summary>
    /// Reference log N(x | μ, Σ) by the textbook formula with an explicit inverse and determinant
    /// (acceptable in tests only): −½ (D ln 2π + ln det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ)).
    /// </summary>
    public static double NaiveLogDensity(GaussianComponent component, ReadOnlySpan<double> x)
    {
        var d = component.Dimensions;
        var sigma = Matrix(component.FullCovariance(), d);
        var difference = Vector<double>.Build.Dense(d);
        for (var i = 0; i < d; i++) difference[i] = x[i] - component.Mean[i];
        var quadratic = difference * (sigma.Inverse() * difference);
        return -0.5 * (d * Math.Log(2 * Math.PI) + Math.Log(sigma.Determinant()) + quadratic);
    }

    /// <summary>Reference weighted statistics (N, mean, full centred scatter) by two passes.</summary>
    public static (double Weight, double[] Mean, double[] Scatter) TwoPass(ReadOnlySpan<double> block, int d, ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        var total = 0.0;
        var mean = new double[d];
        for (var r = 0; r < n; r++)
        {
            total += weights[r];
            for (var j = 0; j < d; j++) mean[j] += weights[r] * block[r * d + j];
        }
        if (total > 0)
            for (var j = 0; j < d; j++) mean[j] /= total;
        var scatter = new double[d * d];
        for (var r = 0; r < n; r++)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                    scatter[i * d + j] += weights[r] * (block[r * d + i] - mean[i]) * (block[r * d + j] - mean[j]);
        return (total, mean, scatter);
    }

    /// <summary>The weights of a dataset as an array (1 for unweighted rows).</summary>
    public static double[] WeightsOf(Dataset data) => Enumerable.Range(0, data.Rows).Select(data.Weight).ToArray();

    /// <summary>The dataset with its rows (and weights) reordered: row i of the result is row <paramref name="order"/>[i].</summary>
    public static Dataset Permute(Dataset data, int[] order)
    {
        var d = data.Columns;
        var values = new double[data.Rows * d];
        for (var i = 0; i < order.Length; i++) data.Row(order[i]).CopyTo(values.AsSpan(i * d, d));
        var weights = data.IsWeighted ? order.Select(data.Weight).ToArray() : null;
        return Generators.ToDataset(values, data.Rows, d, weights);
    }

    /// <summary>A random permutation of 0..n−1.</summary>
    public static int[] Permutation(Random random, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order;
    }
}

/// <summary>
/// A decorator that counts every call the EM driver makes into a family, to observe laziness without
/// clocks: constructing <see cref="Em.Iterate"/> must leave every counter at 0.
/// </summary>
public sealed class CountingFamily(GaussianFamily inner) : IComponentFamily<GaussianComponent, GaussianStatistics>
{
    /// <summary>Calls of any member.</summary>
    public int Calls { get; private set; }

    /// <summary>Calls of <see cref="LogDensities"/>.</summary>
    public int LogDensityCalls { get; private set; }

    /// <summary>Calls of <see cref="Estimate"/> (M-steps).</summary>
    public int EstimateCalls { get; private set; }

    /// <inheritdoc />
    public void LogDensities(GaussianComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        Calls++;
        LogDensityCalls++;
        inner.LogDensities(component, block, dimensions, output);
    }

    /// <inheritdoc />
    public GaussianStatistics Empty(int dimensions)
    {
        Calls++;
        return inner.Empty(dimensions);
    }

    /// <inheritdoc />
    public GaussianStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
    {
        Calls++;
        return inner.Summarize(block, dimensions, weights);
    }

    /// <inheritdoc />
    public GaussianStatistics Combine(GaussianStatistics first, GaussianStatistics second)
    {
        Calls++;
        return inner.Combine(first, second);
    }

    /// <inheritdoc />
    public Either<Error, Arr<GaussianComponent>> Estimate(Arr<GaussianStatistics> statistics)
    {
        Calls++;
        EstimateCalls++;
        return inner.Estimate(statistics);
    }

    /// <inheritdoc />
    public double LogPrior(Arr<GaussianComponent> components)
    {
        Calls++;
        return inner.LogPrior(components);
    }

    /// <inheritdoc />
    public int FreeParameters(int components, int dimensions)
    {
        Calls++;
        return inner.FreeParameters(components, dimensions);
    }

    /// <inheritdoc />
    public GaussianComponent CenteredAt(ReadOnlySpan<double> center)
    {
        Calls++;
        return inner.CenteredAt(center);
    }

    /// <inheritdoc />
    public void Sample(GaussianComponent component, ref RandomSource random, Span<double> output)
    {
        Calls++;
        inner.Sample(component, ref random, output);
    }
}
