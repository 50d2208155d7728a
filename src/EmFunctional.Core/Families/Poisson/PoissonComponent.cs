using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;

namespace EmFunctional.Core.Families.Poisson;

/// <summary>
/// One Poisson component: D independent rates λ_j &gt; 0, one per column, with
/// log p(x | λ) = Σ_j (x_j log λ_j − λ_j − log x_j!). The logarithms log λ_j and the total Σ_j λ_j are
/// computed once at construction, so the E-step evaluates one multiply-add per cell plus log x_j!
/// (read from a table for counts below <see cref="TabulatedFactorials"/>). Immutable; equality compares
/// the rates.
/// </summary>
public sealed class PoissonComponent : IEquatable<PoissonComponent>
{
    /// <summary>Counts below this have log x! read from a table rather than computed by log Γ(x + 1).</summary>
    public const int TabulatedFactorials = 1024;

    private static readonly double[] LogFactorialTable = BuildLogFactorials();

    private readonly double[] _rates;
    private readonly double[] _logRates;

    private PoissonComponent(double[] rates)
    {
        _rates = rates;
        _logRates = new double[rates.Length];
        var total = 0.0;
        for (var j = 0; j < rates.Length; j++)
        {
            _logRates[j] = Math.Log(rates[j]);
            total += rates[j];
        }
        TotalRate = total;
    }

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _rates.Length;

    /// <summary>The rates λ_1 … λ_D (the mean, and the variance, of each column's count).</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>log λ_1 … log λ_D.</summary>
    public ReadOnlySpan<double> LogRates => _logRates;

    /// <summary>Σ_j λ_j, the expected total count of a row.</summary>
    public double TotalRate { get; }

    /// <summary>The rates as an array (a copy), for callers that want plain .NET values.</summary>
    public double[] RatesArray() => (double[])_rates.Clone();

    /// <summary>
    /// A component with the given rates (copied). Left when there are none or one is not a finite positive
    /// number: a zero rate would give log 0 = −∞ to every row with a positive count in that column.
    /// </summary>
    public static Either<Error, PoissonComponent> Create(ReadOnlySpan<double> rates)
    {
        if (rates.Length < 1) return Errors.InvalidInput("a Poisson component needs at least one rate");
        for (var j = 0; j < rates.Length; j++)
            if (!(rates[j] > 0) || !double.IsFinite(rates[j]))
                return Errors.InvalidInput($"rate {j} of the Poisson component is {rates[j]:R}; every rate must be a finite positive number");
        return new PoissonComponent(rates.ToArray());
    }

    /// <summary>Takes ownership of <paramref name="rates"/>, which the caller has checked.</summary>
    internal static PoissonComponent FromChecked(double[] rates) => new(rates);

    /// <summary>
    /// log x! = log Γ(x + 1): from the table for integers below <see cref="TabulatedFactorials"/>, else
    /// MathNet's log Γ (which also gives the continuous extension for non-integers; see
    /// <see cref="PoissonFamily.Check"/>).
    /// </summary>
    public static double LogFactorial(double x)
    {
        if (x >= 0 && x < TabulatedFactorials)
        {
            var n = (int)x;
            if (n == x) return LogFactorialTable[n];
        }
        return SpecialFunctions.GammaLn(x + 1);
    }

    private static double[] BuildLogFactorials()
    {
        var table = new double[TabulatedFactorials];
        // 0! = 1! = 1 exactly; log Γ(n + 1) for the rest (the same function as above the table).
        for (var n = 2; n < table.Length; n++) table[n] = SpecialFunctions.GammaLn(n + 1.0);
        return table;
    }

    /// <summary>log p(x_i | λ) for every row of <paramref name="block"/> (row-major, D columns).</summary>
    public void LogDensities(ReadOnlySpan<double> block, Span<double> output)
    {
        var d = _rates.Length;
        var logRates = _logRates.AsSpan();
        for (var r = 0; r < output.Length; r++)
        {
            var x = block.Slice(r * d, d);
            var sum = -TotalRate;
            for (var j = 0; j < d; j++)
            {
                var count = x[j];
                // A zero count adds nothing beyond the −λ_j already in the sum (log 0! = 0): skip the work.
                if (count != 0) sum += count * logRates[j] - LogFactorial(count);
            }
            output[r] = sum;
        }
    }

    /// <summary>Draws one count per column.</summary>
    public void Sample(ref RandomSource random, Span<double> output)
    {
        for (var j = 0; j < _rates.Length; j++) output[j] = PoissonSampler.Draw(_rates[j], ref random);
    }

    /// <inheritdoc />
    public bool Equals(PoissonComponent? other) => other is not null && _rates.AsSpan().SequenceEqual(other._rates);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PoissonComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var rate in _rates) hash.Add(rate);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"Poisson(λ = [{string.Join(", ", _rates.Select(r => r.ToString("g6", System.Globalization.CultureInfo.InvariantCulture)))}])";
}
