using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core;

/// <summary>
/// The joint log-densities log π_k + log p(x_i | θ_k) of a mixture over a block of rows, and their
/// normalization into responsibilities: the one computation the E-step and all inference share.
/// </summary>
internal static class MixtureDensity
{
    /// <summary>log π_k for each component (−∞ for a zero weight).</summary>
    public static double[] LogWeights<TComponent>(Mixture<TComponent> mixture)
    {
        var logWeights = new double[mixture.Count];
        for (var k = 0; k < logWeights.Length; k++) logWeights[k] = Math.Log(mixture.Weights[k]);
        return logWeights;
    }

    /// <summary>
    /// Writes log π_k + log p(x_i | θ_k) into <paramref name="joint"/> (rows × K, row-major) for the
    /// rows of <paramref name="block"/>, all components in one call so the family can share work.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void JointLogDensities<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Mixture<TComponent> mixture,
        ReadOnlySpan<double> logWeights,
        ReadOnlySpan<double> block,
        int dimensions,
        int rows,
        Span<double> joint)
        where TStatistics : IComponentStatistics
    {
        var k = mixture.Count;
        var output = joint[..(rows * k)];
        family.LogDensities(mixture.Components, block, dimensions, output);
        for (var r = 0; r < rows; r++)
        {
            var row = output.Slice(r * k, k);
            for (var c = 0; c < k; c++) row[c] += logWeights[c];
        }
    }

    /// <summary>
    /// Turns each row of <paramref name="joint"/> into responsibilities in place and writes
    /// log p(x_i) = logsumexp_k into <paramref name="logDensity"/>. Responsibilities are
    /// exp(a_k − max) / Σ_j exp(a_j − max) rather than exp(a_k − logsumexp): the latter loses
    /// ε·|log p(x_i)| of accuracy, which matters for rows far from every component. A row whose
    /// log-density is not finite gets zero responsibilities; the caller decides whether that row
    /// matters (a row of weight 0 does not).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(Span<double> joint, int rows, int components, Span<double> logDensity)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = joint.Slice(r * components, components);
            var max = double.NegativeInfinity;
            var undefined = false;
            foreach (var a in row)
            {
                if (a > max) max = a;
                undefined |= double.IsNaN(a);
            }
            if (undefined || !double.IsFinite(max))
            {
                // Zero responsibilities, so that even a row of weight 0 (whose r·w would be NaN·0) adds nothing.
                logDensity[r] = undefined ? double.NaN : double.NegativeInfinity;
                row.Clear();
                continue;
            }
            var sum = 0.0;
            for (var c = 0; c < components; c++) sum += row[c] = Math.Exp(row[c] - max);
            var scale = 1.0 / sum;
            for (var c = 0; c < components; c++) row[c] *= scale;
            logDensity[r] = max + Math.Log(sum);
        }
    }

    /// <summary>
    /// The first row of the block (relative index) whose log-density is not finite while its weight is
    /// positive, or −1: such a row has zero density under every component and cannot be explained.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int FirstUnexplainedRow(Dataset data, int start, ReadOnlySpan<double> logDensity)
    {
        for (var r = 0; r < logDensity.Length; r++)
            if (!double.IsFinite(logDensity[r]) && data.Weight(start + r) > 0) return r;
        return -1;
    }
}
