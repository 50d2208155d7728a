using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Multinomial;

/// <summary>
/// The missing counts of a multinomial row given its observed ones, under one component: with n_o draws
/// observed in categories of total probability P_o, the draws that fell elsewhere before the n_o-th observed
/// one number NegativeBinomial(n_o, P_o), split among the missing categories in proportion to their p_m.
/// Their means are n_o p_m / P_o (the E-step's expected counts, <see cref="MultinomialAccumulator"/>).
/// </summary>
internal sealed class MultinomialConditional(double[] probabilities, int[] observed, int[] missing) : IConditional
{
    private readonly double _observedMass = observed.Sum(j => probabilities[j]);

    public void Impute(ReadOnlySpan<double> observedCounts, Span<double> values)
    {
        var trials = Sum(observedCounts);
        for (var a = 0; a < missing.Length; a++) values[a] = trials * probabilities[missing[a]] / _observedMass;
    }

    /// <remarks>
    /// The negative binomial as a sum of n_o geometric counts (failures before each success, by inversion),
    /// then each failure's category by inversion over the missing categories: O(n_o + failures) per row,
    /// the cost of drawing a multinomial row trial by trial.
    /// </remarks>
    public void Draw(ReadOnlySpan<double> observedCounts, ref RandomSource random, Span<double> values)
    {
        values[..missing.Length].Clear();
        if (missing.Length == 0) return;
        var trials = (long)Sum(observedCounts);
        var failure = Math.Log(Math.Max(0, 1 - _observedMass));
        var missingMass = 1 - _observedMass;
        for (var t = 0; t < trials && failure < 0 && missingMass > 0; t++)
        {
            // Geometric: the failures before one success, floor(log U / log(1 − P_o)).
            var failures = Math.Floor(Math.Log(1 - random.NextDouble()) / failure);
            for (var f = 0; f < failures; f++)
            {
                var u = random.NextDouble() * missingMass;
                var category = missing.Length - 1;
                var cumulative = 0.0;
                for (var a = 0; a < missing.Length - 1; a++)
                {
                    cumulative += probabilities[missing[a]];
                    if (u < cumulative)
                    {
                        category = a;
                        break;
                    }
                }
                values[category] += 1;
            }
        }
    }

    private static double Sum(ReadOnlySpan<double> counts)
    {
        var sum = 0.0;
        foreach (var c in counts) sum += c;
        return sum;
    }
}
