using System.Buffers;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Product;

/// <summary>
/// Independent column groups, each with its own family (naive-Bayes style): one mixture over a table
/// whose columns are of different kinds, e.g. columns 0–1 Gaussian, column 2 binary, column 3 counts.
/// Within a component the groups are independent,
/// log p(x | θ) = Σ_g log p_g(x_g | θ_g),
/// so the statistics, the M-step, the log-prior and the parameter count all split group by group; the
/// groups are tied together only through the shared responsibilities r_ik.
/// </summary>
/// <remarks>
/// Build it with <see cref="Create(IPartFamily[])"/> from parts made by <see cref="PartFamily.Of"/>; the
/// groups must cover columns 0 … D − 1 exactly once each. Each pass gathers a group's columns of the row
/// block into a pooled scratch block (no per-row allocation); a single group that covers every column
/// in order reads the block as it is, so it behaves exactly like its family alone.
/// </remarks>
public sealed partial record ProductFamily : IComponentFamily<ProductComponent, ProductStatistics>
{
    // Per group: the column indices as an array (hot-path reads), and whether the group is the whole row in order.
    private readonly int[][] _columns;
    private readonly bool _wholeRow;
    private readonly int _widestGroup;

    private ProductFamily(Arr<IPartFamily> parts, int dimensions)
    {
        Parts = parts;
        Dimensions = dimensions;
        _columns = parts.Map(p => p.Columns.ToArray()).ToArray();
        _wholeRow = parts.Count == 1 && _columns[0].Select((c, i) => c == i).All(x => x);
        _widestGroup = _columns.Max(c => c.Length);
    }

    /// <summary>The column groups, in order.</summary>
    public Arr<IPartFamily> Parts { get; }

    /// <summary>Number of columns D of the rows the family models.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// A product of the given parts. Fails (with every problem) when there are no parts, a group is
    /// empty, a column index is negative, or the groups do not cover columns 0 … D − 1 exactly once.
    /// </summary>
    public static Validation<Error, ProductFamily> Create(params IPartFamily[] parts) => Create((IEnumerable<IPartFamily>)parts);

    /// <inheritdoc cref="Create(IPartFamily[])"/>
    public static Validation<Error, ProductFamily> Create(IEnumerable<IPartFamily> parts)
    {
        var list = parts?.ToArr() ?? Arr<IPartFamily>.Empty;
        var problems = new List<Error>();
        if (list.Count == 0)
            return Validation<Error, ProductFamily>.Fail(Seq1(Errors.InvalidInput("a product family needs at least one column group")));
        var owner = new Dictionary<int, int>();
        for (var g = 0; g < list.Count; g++)
        {
            if (list[g] is null)
            {
                problems.Add(Errors.InvalidInput($"column group {g} is null"));
                continue;
            }
            if (list[g].Columns.Count == 0) problems.Add(Errors.InvalidInput($"column group {g} has no columns"));
            foreach (var column in list[g].Columns)
            {
                if (column < 0)
                    problems.Add(Errors.InvalidInput($"column group {g} names column {column}; column indices start at 0"));
                else if (owner.TryGetValue(column, out var first))
                    problems.Add(Errors.InvalidInput(first == g
                        ? $"column group {g} names column {column} twice; each column belongs to exactly one group, once"
                        : $"column {column} is in column groups {first} and {g}; each column belongs to exactly one group"));
                else
                    owner[column] = g;
            }
        }
        var dimensions = owner.Count == 0 ? 0 : owner.Keys.Max() + 1;
        var missing = Enumerable.Range(0, dimensions).Where(c => !owner.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            problems.Add(Errors.InvalidInput(
                $"column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} {(missing.Length > 1 ? "are" : "is")} in no column group; the groups must cover columns 0 to {dimensions - 1} exactly once"));
        return problems.Count > 0
            ? Validation<Error, ProductFamily>.Fail(problems.ToSeq())
            : Success<Error, ProductFamily>(new ProductFamily(list, dimensions));
    }

    /// <summary>
    /// Checks that <paramref name="data"/> has <see cref="Dimensions"/> columns and passes each group's
    /// own data check (e.g. counts for a Poisson group), reporting every problem; a group's messages
    /// name rows as they are and columns within the group, which the prefix maps to data columns.
    /// </summary>
    public Validation<Error, Dataset> Check(Dataset data)
    {
        if (data.Columns != Dimensions)
            return Validation<Error, Dataset>.Fail(Seq1(Errors.InvalidInput(
                $"the data has {data.Columns} columns but the product family's column groups cover {Dimensions}")));
        var problems = new List<Error>();
        var weights = data.IsWeighted ? Enumerable.Range(0, data.Rows).Select(data.Weight).ToArray() : null;
        for (var g = 0; g < Parts.Count; g++)
        {
            var columns = _columns[g];
            var values = new double[(long)data.Rows * columns.Length];
            Gather(data.Values, data.Columns, columns, data.Rows, values);
            var groupData = data.HasMissing
                ? Dataset.ColumnsForChecking(values, data.Rows, columns.Length, weights is null ? default : weights.AsSpan())
                : Dataset.Create(values, data.Rows, columns.Length, weights is null ? default : weights.AsSpan());
            var prefix = columns.Length == 1
                ? $"column group {g} (data column {columns[0]})"
                : $"column group {g} (data columns {string.Join(", ", columns)}, numbered 0 to {columns.Length - 1} below)";
            var result = groupData.Bind(Parts[g].Check);
            result.Match(
                Succ: _ => { },
                Fail: errors => problems.AddRange(errors.Map(e => Error.New(e.Code, $"{prefix}: {e.Message}"))));
        }
        return problems.Count > 0 ? Validation<Error, Dataset>.Fail(problems.ToSeq()) : Success<Error, Dataset>(data);
    }

    /// <summary>
    /// A product component from one component per group (e.g. to give initial parameters). Left when the
    /// count or a part's type does not match the groups.
    /// </summary>
    public Either<Error, ProductComponent> Compose(params object[] parts)
    {
        if (parts.Length != Parts.Count)
            return Errors.InvalidInput($"the product family has {Parts.Count} column groups but {parts.Length} component parts were given");
        for (var g = 0; g < parts.Length; g++)
            if (parts[g] is null || !Parts[g].Accepts(parts[g]))
                return Errors.InvalidInput($"part {g} is a {parts[g]?.GetType().Name ?? "null"}, but column group {g} needs a {Parts[g].ComponentType.Name}");
        return new ProductComponent((object[])parts.Clone());
    }

    /// <summary>Copies the <paramref name="columns"/> of each of <paramref name="rows"/> rows (stride <paramref name="stride"/>) into <paramref name="target"/>.</summary>
    private static void Gather(ReadOnlySpan<double> block, int stride, int[] columns, int rows, Span<double> target)
    {
        var width = columns.Length;
        for (var r = 0; r < rows; r++)
        {
            var source = block.Slice(r * stride, stride);
            var destination = target.Slice(r * width, width);
            for (var j = 0; j < width; j++) destination[j] = source[columns[j]];
        }
    }

    private void RequireWidth(int dimensions)
    {
        if (dimensions != Dimensions)
            throw new ArgumentException($"the rows have {dimensions} columns but the product family's column groups cover {Dimensions}; check the data with ProductFamily.Check", nameof(dimensions));
    }

    /// <summary>log p(x_i | θ) = Σ_g log p_g(x_ig | θ_g), group by group over the block (groups summed in order).</summary>
    public void LogDensities(ProductComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        RequireWidth(dimensions);
        if (_wholeRow)
        {
            Parts[0].LogDensities(component[0], block, output);
            return;
        }
        var rows = output.Length;
        var scratch = ArrayPool<double>.Shared.Rent(rows * _widestGroup);
        var partial = ArrayPool<double>.Shared.Rent(rows);
        try
        {
            for (var g = 0; g < Parts.Count; g++)
            {
                var columns = _columns[g];
                var gathered = scratch.AsSpan(0, rows * columns.Length);
                Gather(block, dimensions, columns, rows, gathered);
                if (g == 0)
                {
                    Parts[g].LogDensities(component[g], gathered, output);
                    continue;
                }
                var part = partial.AsSpan(0, rows);
                Parts[g].LogDensities(component[g], gathered, part);
                for (var r = 0; r < rows; r++) output[r] += part[r];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partial);
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// log p(x_r | θ_k) for every row and component, group by group (each group sees all components at
    /// once, so a Gaussian group transposes its columns once per block).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void LogDensities(Arr<ProductComponent> components, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        RequireWidth(dimensions);
        var k = components.Count;
        var rows = output.Length / k;
        if (_wholeRow)
        {
            Parts[0].LogDensities(components.Map(c => c[0]), block, output);
            return;
        }
        var scratch = ArrayPool<double>.Shared.Rent(rows * _widestGroup);
        var partial = ArrayPool<double>.Shared.Rent(rows * k);
        try
        {
            for (var g = 0; g < Parts.Count; g++)
            {
                var group = g;
                var gathered = scratch.AsSpan(0, rows * _columns[g].Length);
                Gather(block, dimensions, _columns[g], rows, gathered);
                var target = g == 0 ? output : partial.AsSpan(0, rows * k);
                Parts[g].LogDensities(components.Map(c => c[group]), gathered, target);
                if (g > 0)
                    for (var i = 0; i < rows * k; i++) output[i] += target[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partial);
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>True when every group's family models missing cells.</summary>
    public bool ModelsMissingCells => Parts.ForAll(p => p.ModelsMissingCells);

    /// <summary>
    /// log p(x_o | θ_k) = Σ_g log p_g(x_o,g | θ_gk): each group on its own observed cells; a group with no
    /// observed cell in the pattern contributes nothing.
    /// </summary>
    public void LogDensities(Arr<ProductComponent> components, ReadOnlySpan<double> block, int dimensions, Missing.MissingPattern pattern, Span<double> output)
    {
        RequireWidth(dimensions);
        var k = components.Count;
        var rows = output.Length / k;
        output[..(rows * k)].Clear();
        var scratch = ArrayPool<double>.Shared.Rent(rows * _widestGroup);
        var partial = ArrayPool<double>.Shared.Rent(rows * k);
        try
        {
            for (var g = 0; g < Parts.Count; g++)
            {
                var group = g;
                var part = pattern.Restrict(_columns[g]);
                if (part.IsEmpty) continue;
                var gathered = scratch.AsSpan(0, rows * _columns[g].Length);
                Gather(block, dimensions, _columns[g], rows, gathered);
                var target = partial.AsSpan(0, rows * k);
                var parts = components.Map(c => c[group]);
                if (part.IsComplete) Parts[g].LogDensities(parts, gathered, target);
                else Parts[g].LogDensities(parts, gathered, part, target);
                for (var i = 0; i < rows * k; i++) output[i] += target[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partial);
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>The groups are independent given the component: each group's conditional on its own cells.</summary>
    public Missing.IConditional Condition(ProductComponent component, Missing.MissingPattern pattern) =>
        new ProductConditional(this, component, pattern);

    /// <summary>The product of the groups' conditionals, each reading its observed cells and writing its missing ones.</summary>
    private sealed class ProductConditional : Missing.IConditional
    {
        private readonly (Missing.IConditional Conditional, int[] Observed, int[] Missing)[] _parts;
        private readonly double[] _input;
        private readonly double[] _output;

        public ProductConditional(ProductFamily family, ProductComponent component, Missing.MissingPattern pattern)
        {
            // Where each data column sits among the pattern's observed and missing columns.
            var observedAt = new Dictionary<int, int>();
            var missingAt = new Dictionary<int, int>();
            for (var a = 0; a < pattern.Observed.Length; a++) observedAt[pattern.Observed[a]] = a;
            for (var a = 0; a < pattern.Missing.Length; a++) missingAt[pattern.Missing[a]] = a;
            var parts = new List<(Missing.IConditional, int[], int[])>();
            for (var g = 0; g < family.Parts.Count; g++)
            {
                var columns = family._columns[g];
                var part = pattern.Restrict(columns);
                if (part.IsComplete) continue;
                parts.Add((family.Parts[g].Condition(component[g], part),
                    [.. part.Observed.ToArray().Select(p => observedAt[columns[p]])],
                    [.. part.Missing.ToArray().Select(p => missingAt[columns[p]])]));
            }
            _parts = [.. parts];
            _input = new double[family._widestGroup];
            _output = new double[family._widestGroup];
        }

        public void Impute(ReadOnlySpan<double> observed, Span<double> missing)
        {
            foreach (var part in _parts)
            {
                part.Conditional.Impute(Gathered(part, observed), _output.AsSpan(0, part.Missing.Length));
                Scatter(part, missing);
            }
        }

        public double[]? CodeProbabilities(int missingCell)
        {
            foreach (var (conditional, _, missingAt) in _parts)
            {
                var at = System.Array.IndexOf(missingAt, missingCell);
                if (at >= 0) return conditional.CodeProbabilities(at);
            }
            return null;
        }

        public void Draw(ReadOnlySpan<double> observed, ref RandomSource random, Span<double> missing)
        {
            foreach (var part in _parts)
            {
                part.Conditional.Draw(Gathered(part, observed), ref random, _output.AsSpan(0, part.Missing.Length));
                Scatter(part, missing);
            }
        }

        /// <summary>The group's observed cells, in its order, in a buffer of this conditional's (one row at a time).</summary>
        private ReadOnlySpan<double> Gathered((Missing.IConditional Conditional, int[] Observed, int[] Missing) part, ReadOnlySpan<double> observed)
        {
            for (var a = 0; a < part.Observed.Length; a++) _input[a] = observed[part.Observed[a]];
            return _input.AsSpan(0, part.Observed.Length);
        }

        /// <summary>The group's values in <see cref="_output"/> written to their places among the row's missing cells.</summary>
        private void Scatter((Missing.IConditional Conditional, int[] Observed, int[] Missing) part, Span<double> missing)
        {
            for (var a = 0; a < part.Missing.Length; a++) missing[part.Missing[a]] = _output[a];
        }
    }

    /// <summary>Each group's accumulator at its current components, fed its gathered columns and its part of the pattern.</summary>
    public IStatisticsAccumulator<ProductStatistics> CreateAccumulator(Arr<ProductComponent> components, int dimensions)
    {
        RequireWidth(dimensions);
        return new ProductAccumulator(this, Parts.Select((p, g) => p.CreateAccumulator(components.Map(c => c[g]))).ToArray());
    }

    /// <summary>One accumulator per group, each fed its gathered columns.</summary>
    public IStatisticsAccumulator<ProductStatistics> CreateAccumulator(int components, int dimensions)
    {
        RequireWidth(dimensions);
        return new ProductAccumulator(this, Parts.Map(p => p.CreateAccumulator(components)).ToArray());
    }

    private sealed class ProductAccumulator(ProductFamily family, IStatisticsAccumulator<IComponentStatistics>[] parts) : IStatisticsAccumulator<ProductStatistics>
    {
        private double[] _gathered = [];

        public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
        {
            if (family._wholeRow) parts[0].Add(block, responsibilities, rowWeights);
            else AddGroups(block, responsibilities, rowWeights, null);
        }

        public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, Missing.MissingPattern pattern)
        {
            if (pattern.IsComplete) Add(block, responsibilities, rowWeights);
            else AddGroups(block, responsibilities, rowWeights, pattern);
        }

        /// <summary>Each group's columns gathered and added, with the group's part of <paramref name="pattern"/> when rows miss cells.</summary>
        private void AddGroups(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, Missing.MissingPattern? pattern)
        {
            var rows = rowWeights.Length;
            if (_gathered.Length < rows * family._widestGroup) _gathered = new double[rows * family._widestGroup];
            for (var g = 0; g < parts.Length; g++)
            {
                var gathered = _gathered.AsSpan(0, rows * family._columns[g].Length);
                Gather(block, family.Dimensions, family._columns[g], rows, gathered);
                var part = pattern?.Restrict(family._columns[g]);
                if (part is null || part.IsComplete) parts[g].Add(gathered, responsibilities, rowWeights);
                else parts[g].Add(gathered, responsibilities, rowWeights, part);
            }
        }

        public ProductStatistics[] Results()
        {
            var byPart = parts.Select(p => p.Results()).ToArray();
            var k = byPart[0].Length;
            return [.. Enumerable.Range(0, k).Select(c => new ProductStatistics([.. byPart.Select(part => part[c])]))];
        }

        public void Reset()
        {
            foreach (var part in parts) part.Reset();
        }
    }

    /// <summary>Each group's empty statistics.</summary>
    public ProductStatistics Empty(int dimensions) => new(Parts.Map(p => p.Empty()).ToArray());

    /// <summary>Each group's statistics of its columns of the block, with the same weights.</summary>
    public ProductStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
    {
        RequireWidth(dimensions);
        if (_wholeRow) return new ProductStatistics([Parts[0].Summarize(block, weights)]);
        var rows = weights.Length;
        var parts = new IComponentStatistics[Parts.Count];
        var scratch = ArrayPool<double>.Shared.Rent(Math.Max(1, rows * _widestGroup));
        try
        {
            for (var g = 0; g < Parts.Count; g++)
            {
                var gathered = scratch.AsSpan(0, rows * _columns[g].Length);
                Gather(block, dimensions, _columns[g], rows, gathered);
                parts[g] = Parts[g].Summarize(gathered, weights);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
        return new ProductStatistics(parts);
    }

    /// <summary>Group-wise merge.</summary>
    public ProductStatistics Combine(ProductStatistics first, ProductStatistics second)
    {
        var parts = new IComponentStatistics[Parts.Count];
        for (var g = 0; g < parts.Length; g++) parts[g] = Parts[g].Combine(first[g], second[g]);
        return new ProductStatistics(parts);
    }

    /// <summary>
    /// Each group's M-step on its statistics (all components at once, so shared-parameter families work
    /// within a group). Left with the first failing group's error, its message prefixed with the group.
    /// </summary>
    public Either<Error, Arr<ProductComponent>> Estimate(Arr<ProductStatistics> statistics)
    {
        var k = statistics.Count;
        var parts = new object[k][];
        for (var c = 0; c < k; c++) parts[c] = new object[Parts.Count];
        for (var g = 0; g < Parts.Count; g++)
        {
            var group = g;
            var estimate = Parts[g].Estimate(statistics.Map(s => s[group]));
            if (estimate.IsLeft)
                return estimate.Match(Right: _ => Errors.InvalidInput("unreachable"), Left: error => Error.New(error.Code, $"column group {group}: {error.Message}"));
            var components = estimate.Match(Right: cs => cs, Left: _ => Arr<object>.Empty);
            for (var c = 0; c < k; c++) parts[c][g] = components[c];
        }
        return parts.Select(p => new ProductComponent(p)).ToArr();
    }

    /// <summary>Σ_g log p_g(θ_1g, …, θ_Kg): the groups' priors are independent.</summary>
    public double LogPrior(Arr<ProductComponent> components)
    {
        var sum = 0.0;
        for (var g = 0; g < Parts.Count; g++)
        {
            var group = g;
            sum += Parts[g].LogPrior(components.Map(c => c[group]));
        }
        return sum;
    }

    /// <summary>Σ_g (the group family's count for K components over its columns).</summary>
    public int FreeParameters(int components, int dimensions)
    {
        var sum = 0;
        foreach (var part in Parts) sum += part.FreeParameters(components);
        return sum;
    }

    /// <summary>Each group's starting component around its columns of <paramref name="center"/>.</summary>
    public ProductComponent CenteredAt(ReadOnlySpan<double> center)
    {
        var parts = new object[Parts.Count];
        Span<double> gathered = _widestGroup <= 128 ? stackalloc double[_widestGroup] : new double[_widestGroup];
        for (var g = 0; g < parts.Length; g++)
        {
            var columns = _columns[g];
            for (var j = 0; j < columns.Length; j++) gathered[j] = center[columns[j]];
            parts[g] = Parts[g].CenteredAt(gathered[..columns.Length]);
        }
        return new ProductComponent(parts);
    }

    /// <summary>Each group draws its columns in turn (group 0 first) and they are scattered into place.</summary>
    public void Sample(ProductComponent component, ref RandomSource random, Span<double> output)
    {
        if (_wholeRow)
        {
            Parts[0].Sample(component[0], ref random, output);
            return;
        }
        Span<double> draw = _widestGroup <= 128 ? stackalloc double[_widestGroup] : new double[_widestGroup];
        for (var g = 0; g < Parts.Count; g++)
        {
            var columns = _columns[g];
            var part = draw[..columns.Length];
            Parts[g].Sample(component[g], ref random, part);
            for (var j = 0; j < columns.Length; j++) output[columns[j]] = part[j];
        }
    }

    /// <inheritdoc />
    public bool Equals(ProductFamily? other) => other is not null && Dimensions == other.Dimensions && Parts == other.Parts;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Dimensions, Parts);
}
