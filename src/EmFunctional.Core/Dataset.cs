using EmFunctional.Core.Missing;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary>
/// An immutable N×D block of observations stored row-major in one array (row i is
/// <c>Values[i·D .. i·D + D)</c>), with optional non-negative sample weights, one per row. A weight w
/// means "this row counts w times": every sum over rows (statistics, log-likelihood, the n in BIC) is
/// a weighted sum, so an integer weight is exactly equivalent to repeating the row.
/// <para>
/// A data set made with <c>allowMissing</c> may hold missing cells, written as NaN: they are part of the
/// latent data, every pass evaluates each row on its observed cells (see <see cref="Missing"/>), and
/// initialization works on <see cref="Completed"/>, the table with each missing cell replaced by its
/// column's weighted mean.
/// </para>
/// </summary>
public sealed class Dataset
{
    private readonly double[] _values;
    private readonly double[]? _weights;

    private readonly Lazy<Dataset> _completed;
    private readonly Lazy<Either<Error, Initialization.HierarchicalAgglomeration.Tree>> _tree;
    private int[]? _known;   // set once, by WithKnownComponents on a fresh copy

    private Dataset(double[] values, int rows, int columns, double[]? weights, MissingCells? missing)
    {
        _values = values;
        _weights = weights;
        Rows = rows;
        Columns = columns;
        TotalWeight = weights is null ? rows : weights.Sum();
        Missing = missing;
        _completed = missing is null ? new Lazy<Dataset>(this) : new Lazy<Dataset>(Complete, LazyThreadSafetyMode.ExecutionAndPublication);
        _tree = new(() => Initialization.HierarchicalAgglomeration.Grow(Completed), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The model-based hierarchical tree of the rows (<see cref="Initialization.HierarchicalAgglomeration"/>),
    /// grown on first use and kept (Left when the data are too wide for it). A value of the data alone, like
    /// <see cref="Completed"/>: computing it once changes no result.
    /// </summary>
    internal Either<Error, Initialization.HierarchicalAgglomeration.Tree> HierarchicalTree => _tree.Value;

    /// <summary>Where the missing cells are, and the rows grouped by pattern; null when every cell is observed.</summary>
    public MissingCells? Missing { get; }

    /// <summary>True when some cell is missing.</summary>
    public bool HasMissing => Missing is not null;

    /// <summary>
    /// The same rows with every missing cell replaced by the weighted mean of its column's observed
    /// cells (0 for a column with none): what initialization, which needs whole rows, works on. The data
    /// set itself when nothing is missing.
    /// </summary>
    public Dataset Completed => _completed.Value;

    private Dataset Complete()
    {
        var sums = new double[Columns];
        var weights = new double[Columns];
        for (var i = 0; i < Rows; i++)
        {
            var w = Weight(i);
            var row = Row(i);
            for (var j = 0; j < Columns; j++)
                if (!double.IsNaN(row[j])) { sums[j] += w * row[j]; weights[j] += w; }
        }
        var values = (double[])_values.Clone();
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i])) continue;
            var j = i % Columns;
            values[i] = weights[j] > 0 ? sums[j] / weights[j] : 0;
        }
        return new Dataset(values, Rows, Columns, _weights, null) { _known = _known, LargestKnownComponent = LargestKnownComponent };
    }

    /// <summary>
    /// True when some rows carry a known component (partially labelled data, semi-supervised EM): their
    /// responsibilities are fixed to it and they count in the log-likelihood as log π_y p(x | θ_y).
    /// </summary>
    public bool HasKnownComponents => _known is not null;

    /// <summary>The known component of each row, −1 where it is unknown; empty when no row has one.</summary>
    public ReadOnlySpan<int> KnownComponents => _known;

    /// <summary>The known component of row <paramref name="row"/>, or −1.</summary>
    public int KnownComponent(int row) => _known is null ? -1 : _known[row];

    /// <summary>The largest known component (−1 when none): a fit needs more components than this.</summary>
    public int LargestKnownComponent { get; private init; } = -1;

    /// <summary>
    /// The same rows with a known component for some of them (−1: unknown): partially labelled data. Every
    /// problem at once: the length, and values below −1, by row. All −1 gives the data set without labels.
    /// </summary>
    public Validation<Error, Dataset> WithKnownComponents(ReadOnlySpan<int> components)
    {
        if (components.Length != Rows)
            return Fail<Error, Dataset>(Errors.InvalidInput($"{components.Length} known components were given but the data has {Rows} rows; give one per row (−1 where unknown)"));
        var problems = new List<Error>();
        var largest = -1;
        for (var i = 0; i < components.Length && problems.Count < 10; i++)
        {
            if (components[i] < -1) problems.Add(new RowError($"row {i}: the known component is {components[i]}; it must be a component index from 0, or −1 for unknown", ErrorCodes.InvalidInput, i, null, $"the known component is {components[i]}"));
            largest = Math.Max(largest, components[i]);
        }
        if (problems.Count > 0) return Validation<Error, Dataset>.Fail(problems.ToSeq());
        var copy = new Dataset(_values, Rows, Columns, _weights, Missing)
        {
            _known = largest >= 0 ? components.ToArray() : null,
            LargestKnownComponent = largest,
        };
        return Success<Error, Dataset>(copy);
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
    /// Every problem is reported at once: shape, non-finite values (by row and column) and weights. With
    /// <paramref name="allowMissing"/>, NaN marks a missing cell instead of being an error (infinities
    /// still are), and a row with no observed cell is an error naming the row.
    /// </summary>
    public static Validation<Error, Dataset> Create(ReadOnlySpan<double> values, int rows, int columns, ReadOnlySpan<double> weights = default, bool allowMissing = false)
    {
        var (problems, weightCopy) = Validate(values, rows, columns, weights, allowMissing);
        return problems.Count > 0
            ? Validation<Error, Dataset>.Fail(problems.ToSeq())
            : Success<Error, Dataset>(new Dataset(values.ToArray(), rows, columns, weightCopy, allowMissing ? MissingCells.Find(values, rows, columns) : null));
    }

    /// <summary>
    /// Like <see cref="Create"/>, but adopts <paramref name="values"/> instead of copying it: for callers
    /// that built the array for this purpose (a parser, a conversion) and hand it over, so a large data
    /// set is held once, not twice. The caller must not change the array afterwards.
    /// </summary>
    public static Validation<Error, Dataset> Adopt(double[] values, int rows, int columns, ReadOnlySpan<double> weights = default, bool allowMissing = false)
    {
        var (problems, weightCopy) = Validate(values, rows, columns, weights, allowMissing);
        return problems.Count > 0
            ? Validation<Error, Dataset>.Fail(problems.ToSeq())
            : Success<Error, Dataset>(new Dataset(values, rows, columns, weightCopy, allowMissing ? MissingCells.Find(values, rows, columns) : null));
    }

    /// <summary>Every problem with the shape, values and weights at once, and a copy of the weights (null when none).</summary>
    /// <summary>
    /// Some columns of a data set that may have missing cells, for a column group's value checks: a row
    /// may miss every cell of the group (it is judged on the whole row elsewhere).
    /// </summary>
    internal static Validation<Error, Dataset> ColumnsForChecking(double[] values, int rows, int columns, ReadOnlySpan<double> weights)
    {
        var (problems, weightCopy) = Validate(values, rows, columns, weights, allowMissing: true, allowEmptyRows: true);
        return problems.Count > 0
            ? Validation<Error, Dataset>.Fail(problems.ToSeq())
            : Success<Error, Dataset>(new Dataset(values, rows, columns, weightCopy, MissingCells.Find(values, rows, columns)));
    }

    private static (List<Error> Problems, double[]? WeightCopy) Validate(ReadOnlySpan<double> values, int rows, int columns, ReadOnlySpan<double> weights, bool allowMissing, bool allowEmptyRows = false)
    {
        var problems = new List<Error>();
        if (rows < 1) problems.Add(Errors.InvalidInput($"the data has {rows} rows; at least one row is needed"));
        if (columns < 1) problems.Add(Errors.InvalidInput($"the data has {columns} columns; at least one column is needed"));
        if (problems.Count == 0 && (long)rows * columns != values.Length)
            problems.Add(Errors.InvalidInput($"the data has {values.Length} values, but {rows} rows × {columns} columns need {(long)rows * columns}"));
        if (problems.Count > 0) return (problems, null);

        for (var i = 0; i < values.Length && problems.Count < 10; i++)
        {
            if (!double.IsFinite(values[i]) && !(allowMissing && double.IsNaN(values[i])))
                problems.Add(Errors.InvalidValue(i / columns, i % columns, allowMissing
                    ? $"{Describe(values[i])} is not a finite number; every value must be one, or NaN for a missing cell"
                    : $"{Describe(values[i])} is not a finite number; every value must be one"));
        }
        if (allowMissing && !allowEmptyRows)
        {
            for (var i = 0; i < rows && problems.Count < 10; i++)
            {
                var empty = true;
                foreach (var value in values.Slice(i * columns, columns)) empty &= double.IsNaN(value);
                if (empty) problems.Add(Errors.EmptyRow(i));
            }
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
    public static Validation<Error, Dataset> FromRows(IReadOnlyList<double[]> rows, ReadOnlySpan<double> weights = default, bool allowMissing = false)
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
        return Adopt(values, rows.Count, columns, weights, allowMissing);
    }

    /// <summary>The same rows with other weights (validated like <see cref="Create"/>; missing cells stay missing).</summary>
    public Validation<Error, Dataset> WithWeights(ReadOnlySpan<double> weights) =>
        Create(_values, Rows, Columns, weights, HasMissing).Bind(data => _known is null ? Success<Error, Dataset>(data) : data.WithKnownComponents(_known));

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
