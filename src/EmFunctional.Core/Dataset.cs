using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary>
/// An immutable N×D block of observations stored row-major in one array (row i is
/// <c>Values[i·D .. i·D + D)</c>), with optional non-negative sample weights, one per row. A weight w
/// means "this row counts w times": every sum over rows (statistics, log-likelihood, the n in BIC) is
/// a weighted sum, so an integer weight is exactly equivalent to repeating the row.
/// </summary>
public sealed class Dataset
{
    private readonly double[] _values;
    private readonly double[]? _weights;

    private Dataset(double[] values, int rows, int columns, double[]? weights)
    {
        _values = values;
        _weights = weights;
        Rows = rows;
        Columns = columns;
        TotalWeight = weights is null ? rows : weights.Sum();
    }

    /// <summary>Number of rows N.</summary>
    public int Rows { get; }

    /// <summary>Number of columns (dimensions) D.</summary>
    public int Columns { get; }

    /// <summary>Σ_i w_i: the effective sample size (N when unweighted).</summary>
    public double TotalWeight { get; }

    /// <summary>True when sample weights were given.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>All values, row-major (length N·D).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Row <paramref name="row"/> (length D).</summary>
    public ReadOnlySpan<double> Row(int row) => new(_values, row * Columns, Columns);

    /// <summary>Rows [start, start + count) as one row-major span.</summary>
    public ReadOnlySpan<double> Block(int start, int count) => new(_values, start * Columns, count * Columns);

    // Weights of an unweighted block: never written after initialization.
    private static readonly double[] UnitWeights = Enumerable.Repeat(1.0, Numerics.RowBlocks.Size).ToArray();

    /// <summary>
    /// The weights of rows [start, start + count), a block of at most <see cref="Numerics.RowBlocks.Size"/>
    /// rows (ones when unweighted).
    /// </summary>
    public ReadOnlySpan<double> BlockWeights(int start, int count) =>
        _weights is null
            ? (count <= UnitWeights.Length ? UnitWeights.AsSpan(0, count) : throw new ArgumentOutOfRangeException(nameof(count), count, $"a block has at most {UnitWeights.Length} rows"))
            : _weights.AsSpan(start, count);

    /// <summary>The weight of row <paramref name="row"/> (1 when unweighted).</summary>
    public double Weight(int row) => _weights is null ? 1.0 : _weights[row];

    /// <summary>
    /// Validates and wraps a row-major array (copied, so later changes by the caller cannot leak in).
    /// Every problem is reported at once: shape, non-finite values (by row and column) and weights.
    /// </summary>
    public static Validation<Error, Dataset> Create(ReadOnlySpan<double> values, int rows, int columns, ReadOnlySpan<double> weights = default)
    {
        var (problems, weightCopy) = Validate(values, rows, columns, weights);
        return problems.Count > 0
            ? Validation<Error, Dataset>.Fail(problems.ToSeq())
            : Success<Error, Dataset>(new Dataset(values.ToArray(), rows, columns, weightCopy));
    }

    /// <summary>
    /// Like <see cref="Create"/>, but adopts <paramref name="values"/> instead of copying it: for callers
    /// that built the array for this purpose (a parser, a conversion) and hand it over, so a large data
    /// set is held once, not twice. The caller must not change the array afterwards.
    /// </summary>
    public static Validation<Error, Dataset> Adopt(double[] values, int rows, int columns, ReadOnlySpan<double> weights = default)
    {
        var (problems, weightCopy) = Validate(values, rows, columns, weights);
        return problems.Count > 0
            ? Validation<Error, Dataset>.Fail(problems.ToSeq())
            : Success<Error, Dataset>(new Dataset(values, rows, columns, weightCopy));
    }

    /// <summary>Every problem with the shape, values and weights at once, and a copy of the weights (null when none).</summary>
    private static (List<Error> Problems, double[]? WeightCopy) Validate(ReadOnlySpan<double> values, int rows, int columns, ReadOnlySpan<double> weights)
    {
        var problems = new List<Error>();
        if (rows < 1) problems.Add(Errors.InvalidInput($"the data has {rows} rows; at least one row is needed"));
        if (columns < 1) problems.Add(Errors.InvalidInput($"the data has {columns} columns; at least one column is needed"));
        if (problems.Count == 0 && (long)rows * columns != values.Length)
            problems.Add(Errors.InvalidInput($"the data has {values.Length} values, but {rows} rows × {columns} columns need {(long)rows * columns}"));
        if (problems.Count > 0) return (problems, null);

        for (var i = 0; i < values.Length && problems.Count < 10; i++)
        {
            if (!double.IsFinite(values[i]))
                problems.Add(Errors.InvalidValue(i / columns, i % columns, $"{Describe(values[i])} is not a finite number; every value must be one"));
        }

        double[]? weightCopy = null;
        if (!weights.IsEmpty)
        {
            if (weights.Length != rows)
            {
                problems.Add(Errors.InvalidWeights($"sample weights have {weights.Length} entries but the data has {rows} rows; give one weight per row"));
            }
            else
            {
                var total = 0.0;
                for (var i = 0; i < weights.Length && problems.Count < 10; i++)
                {
                    if (!double.IsFinite(weights[i]) || weights[i] < 0)
                        problems.Add(Errors.InvalidWeights($"sample weight of row {i} is {Describe(weights[i])}; weights must be finite and non-negative"));
                    else
                        total += weights[i];
                }
                if (problems.Count == 0 && !(total > 0))
                    problems.Add(Errors.InvalidWeights("all sample weights are zero; at least one row must have a positive weight"));
                weightCopy = weights.ToArray();
            }
        }

        return (problems, weightCopy);
    }

    /// <summary>Wraps jagged rows after checking that none is missing or ragged.</summary>
    public static Validation<Error, Dataset> FromRows(IReadOnlyList<double[]> rows, ReadOnlySpan<double> weights = default)
    {
        if (rows.Count == 0) return Fail<Error, Dataset>(Errors.InvalidInput("the data has no rows; at least one row is needed"));
        if (rows[0] is null) return Fail<Error, Dataset>(Errors.InvalidInput("row 0 is null"));
        var columns = rows[0].Length;
        var values = new double[(long)rows.Count * columns];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null) return Fail<Error, Dataset>(Errors.InvalidInput($"row {i} is null"));
            if (row.Length != columns)
                return Fail<Error, Dataset>(Errors.InvalidInput($"row {i} has {row.Length} columns but row 0 has {columns}; every row must have the same number of columns"));
            row.CopyTo(values, (long)i * columns);
        }
        return Adopt(values, rows.Count, columns, weights);
    }

    /// <summary>The same rows with other weights (validated like <see cref="Create"/>).</summary>
    public Validation<Error, Dataset> WithWeights(ReadOnlySpan<double> weights) => Create(_values, Rows, Columns, weights);

    /// <summary>
    /// Number of distinct rows among those with positive weight, counted up to <paramref name="atMost"/>
    /// (so the check "are there at least K distinct rows" costs O(N·K) at worst, not a full sort).
    /// </summary>
    public int CountDistinctRows(int atMost)
    {
        var distinct = new List<int>();
        for (var i = 0; i < Rows && distinct.Count < atMost; i++)
        {
            if (Weight(i) <= 0) continue;
            var row = Row(i);
            var seen = false;
            foreach (var j in distinct)
            {
                if (Row(j).SequenceEqual(row)) { seen = true; break; }
            }
            if (!seen) distinct.Add(i);
        }
        return distinct.Count;
    }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
