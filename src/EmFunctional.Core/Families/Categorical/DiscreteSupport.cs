using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families;

// Shared by the discrete families (Bernoulli, categorical, multinomial). It lives in the categorical
// folder only because each family owns one folder; the namespace is the families' common one.

/// <summary>Helpers shared by the discrete families: the constrained M-step on a simplex and data checks.</summary>
internal static class DiscreteSupport
{
    /// <summary>At most this many value problems are listed one by one; the rest are counted in one message.</summary>
    public const int ListedProblems = 10;

    /// <summary>
    /// Writes the p that maximizes Σ_c e_c log p_c over the simplex {p : Σ_c p_c = 1, p_c ≥ floor}, for
    /// effective counts e_c ≥ 0 (weighted counts, plus α − 1 under a Dirichlet(α) prior).
    /// </summary>
    /// <remarks>
    /// Without the floor the maximizer is p_c = e_c / Σ e. With it, the KKT conditions give
    /// p_c = max(floor, e_c / λ) with λ fixed by Σ_c p_c = 1: the categories with the smallest counts sit
    /// on the floor and the others share the remaining mass 1 − m·floor in proportion to their counts
    /// ("water filling"). Moving the smallest free category onto the floor only raises λ, so scanning the
    /// counts in increasing order finds the set in one pass. Because this is the exact maximizer on the
    /// constrained set, EM with the floor still never decreases its objective. Requires C·floor &lt; 1, so
    /// that the largest count is never clamped. When every e_c is 0 the objective is flat and the uniform
    /// vector is returned.
    /// </remarks>
    public static void MaximizeOnSimplex(ReadOnlySpan<double> effectiveCounts, double floor, Span<double> probabilities)
    {
        var c = effectiveCounts.Length;
        var total = 0.0;
        var smallest = double.PositiveInfinity;
        foreach (var e in effectiveCounts)
        {
            total += e;
            if (e < smallest) smallest = e;
        }
        if (!(total > 0))
        {
            probabilities[..c].Fill(1.0 / c);
            return;
        }
        if (smallest >= floor * total)
        {
            // The common case: no category is below the floor, p_c = e_c / Σ e.
            // Max: e_c / Σ e can round to one ulp below a floor it equals exactly.
            for (var i = 0; i < c; i++) probabilities[i] = Math.Max(floor, effectiveCounts[i] / total);
            return;
        }

        var order = new int[c];
        for (var i = 0; i < c; i++) order[i] = i;
        var keys = effectiveCounts.ToArray();
        System.Array.Sort(keys, order);
        var clamped = 0;
        var free = total;
        while (clamped < c - 1 && keys[clamped] < floor * free / (1 - clamped * floor))
        {
            free -= keys[clamped];
            clamped++;
        }
        // Re-sum the free counts rather than trust the running difference (no cancellation error).
        free = 0;
        for (var i = clamped; i < c; i++) free += keys[i];
        var scale = (1 - clamped * floor) / free;
        for (var i = 0; i < clamped; i++) probabilities[order[i]] = floor;
        for (var i = clamped; i < c; i++) probabilities[order[i]] = Math.Max(floor, keys[i] * scale);
    }

    /// <summary>
    /// log Dir(p | α, …, α) = log Γ(Cα) − C log Γ(α) + (α − 1) Σ_c log p_c. The last sum is skipped for
    /// α = 1 (the flat prior), where it is 0 even when some p_c = 0.
    /// </summary>
    public static double LogDirichlet(ReadOnlySpan<double> probabilities, double concentration)
    {
        var c = probabilities.Length;
        var value = MathNet.Numerics.SpecialFunctions.GammaLn(c * concentration) - c * MathNet.Numerics.SpecialFunctions.GammaLn(concentration);
        if (concentration != 1)
        {
            var sum = 0.0;
            foreach (var p in probabilities) sum += Math.Log(p);
            value += (concentration - 1) * sum;
        }
        return value;
    }

    /// <summary>True when <paramref name="value"/> is a non-negative integer (a valid code or count).</summary>
    public static bool IsCount(double value) => value >= 0 && double.IsFinite(value) && value == Math.Floor(value);

    /// <summary>
    /// Checks every value of <paramref name="data"/> with <paramref name="problem"/> (value, column → a
    /// description of what is wrong, or null) and reports the first <see cref="ListedProblems"/> problems by
    /// row and column, plus one message counting the rest.
    /// </summary>
    public static Validation<Error, Dataset> CheckValues(Dataset data, Func<double, int, string?> problem, string requirement)
    {
        var problems = new List<Error>();
        var unlisted = 0;
        var values = data.Values;
        var d = data.Columns;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) continue;   // a missing cell (only data made with allowMissing hold NaN)
            var description = problem(values[i], i % d);
            if (description is null) continue;
            if (problems.Count < ListedProblems)
                problems.Add(Errors.InvalidInput($"row {i / d}, column {i % d} is {Format(values[i])}: {description}; {requirement}"));
            else
                unlisted++;
        }
        if (unlisted > 0)
            problems.Add(Errors.InvalidInput($"{unlisted} more values are invalid in the same way; {requirement}"));
        return problems.Count == 0
            ? Success<Error, Dataset>(data)
            : Validation<Error, Dataset>.Fail(problems.ToSeq());
    }

    /// <summary>The value as the error messages show it (round-trip, invariant culture).</summary>
    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
