using EmFunctional.Core.Numerics;
using MathNet.Numerics;

namespace EmFunctional.Core.Families.Poisson;

/// <summary>
/// Poisson draws from a <see cref="RandomSource"/>: sequential inversion for small rates, Hörmann's
/// transformed rejection with squeeze (PTRS, 1993) for large ones, where inversion would need O(λ) steps.
/// </summary>
internal static class PoissonSampler
{
    /// <summary>Rates below this use inversion (expected λ + 1 steps).</summary>
    private const double InversionLimit = 10;

    public static double Draw(double rate, ref RandomSource random) =>
        rate < InversionLimit ? Inversion(rate, ref random) : TransformedRejection(rate, ref random);

    /// <summary>Smallest k with F(k) ≥ u, walking the probabilities p(k) = p(k − 1) λ / k.</summary>
    private static double Inversion(double rate, ref RandomSource random)
    {
        var u = random.NextDouble();
        var probability = Math.Exp(-rate);
        var cumulative = probability;
        var k = 0;
        // The cap only guards against rounding leaving F short of u in the far tail.
        while (u > cumulative && k < 1000)
        {
            k++;
            probability *= rate / k;
            cumulative += probability;
        }
        return k;
    }

    /// <summary>
    /// PTRS: k = ⌊(2a/u_s + b) U + λ + 0.43⌋ with U uniform on (−½, ½), u_s = ½ − |U|, accepted at once in
    /// the squeeze region and otherwise by comparing log V + log(α⁻¹) − log(a/u_s² + b) with the log
    /// probability −λ + k log λ − log k! (constants a, b, α, v_r from Hörmann's paper).
    /// </summary>
    private static double TransformedRejection(double rate, ref RandomSource random)
    {
        var logRate = Math.Log(rate);
        var squareRoot = Math.Sqrt(rate);
        var b = 0.931 + 2.53 * squareRoot;
        var a = -0.059 + 0.02483 * b;
        var inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        var squeeze = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + rate + 0.43);
            if (us >= 0.07 && v <= squeeze) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(inverseAlpha) - Math.Log(a / (us * us) + b) <= -rate + k * logRate - SpecialFunctions.GammaLn(k + 1))
                return k;
        }
    }
}
