using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Categorical;

/// <summary>
/// Components of D independent categorical features: column j holds an integer code 0 … C_j − 1 and
/// each component has a probability vector per column, log p(x | p) = Σ_j log p_{j, x_j}. With binary
/// columns (C_j = 2) this is the Bernoulli latent class model; with more codes, polytomous latent class
/// analysis.
/// </summary>
/// <remarks>
/// <para>Statistics: N = Σ_i w_i and the weighted counts n_jc = Σ_i w_i [x_ij = c].</para>
/// <para>M-step: maximum likelihood p_jc = n_jc / Σ_c' n_jc' (= n_jc / N); with a symmetric
/// <see cref="DirichletPrior"/> Dirichlet(α), the MAP p_jc = (n_jc + α − 1) / (N + C_j(α − 1)).</para>
/// <para>Zero-probability policy: as for the Bernoulli family, a code a component never sees would get
/// p = 0 and log-density −∞ for every row with that code. Every estimated probability is kept
/// ≥ <see cref="ProbabilityFloor"/> (default 10⁻¹⁰) by the exact constrained maximizer on the simplex:
/// codes with the smallest counts sit on the floor and the others share the rest in proportion to their
/// counts (see docs/families.md, Categorical). Being the exact maximizer, it keeps EM monotone.</para>
/// <para>Parameters: K·Σ_j (C_j − 1). Instances are immutable and validated.</para>
/// </remarks>
public sealed record CategoricalFamily : IComponentFamily<CategoricalComponent, CategoricalStatistics>
{
    /// <summary>The default probability floor, 10⁻¹⁰.</summary>
    public const double DefaultProbabilityFloor = 1e-10;

    /// <summary>
    /// The largest number of categories a column may have (codes up to 2²⁰ − 1). Every component and
    /// statistics object holds Σ_j C_j numbers, so a stray huge code (an identifier, a year) would
    /// otherwise allocate gigabytes; recode such columns to 0 … C − 1 first.
    /// </summary>
    public const int MaximumCategories = 1 << 20;

    private readonly int[] _offsets;

    /// <summary>
    /// A family for columns with <paramref name="categories"/>[j] codes each. Throws
    /// <see cref="ArgumentException"/> when the values are invalid; <see cref="Create"/> and
    /// <see cref="ForData"/> report the same problems as errors instead.
    /// </summary>
    /// <param name="categories">C_j ≥ 1 for each column (at least one column, each at most <see cref="MaximumCategories"/>).</param>
    /// <param name="prior">Dirichlet(α) on each column's probability vector; null (the default) for maximum likelihood.</param>
    /// <param name="probabilityFloor">Every estimated probability is at least this; 0 ≤ floor·C_j &lt; 1.</param>
    public CategoricalFamily(Arr<int> categories, DirichletPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor)
    {
        var problems = Problems(categories, probabilityFloor);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        Categories = categories;
        Prior = prior;
        ProbabilityFloor = probabilityFloor;
        _offsets = new int[categories.Count + 1];
        for (var j = 0; j < categories.Count; j++) _offsets[j + 1] = _offsets[j] + categories[j];
    }

    /// <summary>C_j, the number of codes of each column.</summary>
    public Arr<int> Categories { get; }

    /// <summary>The Dirichlet prior on every column's probability vector, or null for maximum likelihood.</summary>
    public DirichletPrior? Prior { get; }

    /// <summary>Every estimated probability is at least this (see the remarks).</summary>
    public double ProbabilityFloor { get; }

    /// <summary>The validating constructor: every problem with the category counts and the floor at once.</summary>
    public static Validation<Error, CategoricalFamily> Create(IEnumerable<int> categories, DirichletPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor)
    {
        var counts = categories.ToArr();
        var problems = Problems(counts, probabilityFloor);
        return problems.Count == 0
            ? Success<Error, CategoricalFamily>(new CategoricalFamily(counts, prior, probabilityFloor))
            : Validation<Error, CategoricalFamily>.Fail(problems.Select(Errors.InvalidInput).ToSeq());
    }

    /// <summary>
    /// The family for <paramref name="data"/>: C_j = (largest code in column j) + 1. Fails with InvalidInput
    /// errors naming the row and column of every value that is not a non-negative integer (the first ten,
    /// then a count of the rest) or exceeds <see cref="MaximumCategories"/> − 1.
    /// </summary>
    public static Validation<Error, CategoricalFamily> ForData(Dataset data, DirichletPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor) =>
        DiscreteSupport.CheckValues(data, (value, _) => CodeProblem(value, MaximumCategories), CodeRequirement)
            .Bind(valid =>
            {
                var d = valid.Columns;
                var categories = new int[d];
                var values = valid.Values;
                for (var i = 0; i < values.Length; i++)
                    if (!double.IsNaN(values[i])) categories[i % d] = Math.Max(categories[i % d], (int)values[i] + 1);
                return Create(categories, prior, probabilityFloor);
            });

    /// <summary>
    /// The data unchanged when it has one column per entry of <see cref="Categories"/> and every value is a
    /// code 0 … C_j − 1 of its column; otherwise InvalidInput errors naming row and column.
    /// </summary>
    public Validation<Error, Dataset> Check(Dataset data)
    {
        if (data.Columns != Categories.Count)
            return Fail<Error, Dataset>(Errors.InvalidInput($"the data has {data.Columns} columns but the family describes {Categories.Count}"));
        return DiscreteSupport.CheckValues(data, (value, column) => CodeProblem(value, Categories[column]), CodeRequirement);
    }

    private const string CodeRequirement = "each column of categorical data must hold integer codes 0, 1, …, C − 1";

    private static string? CodeProblem(double value, int categories) =>
        !DiscreteSupport.IsCount(value) ? "not a non-negative integer code"
        : value >= categories ? $"above the column's largest code {categories - 1}"
        : null;

    private static List<string> Problems(Arr<int> categories, double floor)
    {
        var problems = new List<string>();
        if (categories.Count < 1) problems.Add("a categorical family needs at least one column");
        for (var j = 0; j < categories.Count; j++)
        {
            if (categories[j] < 1 || categories[j] > MaximumCategories)
                problems.Add($"column {j} has {categories[j]} categories; each column needs between 1 and {MaximumCategories}");
        }
        if (!(floor >= 0))
            problems.Add($"the probability floor is {DiscreteSupport.Format(floor)}; it must be ≥ 0");
        else if (categories.Count > 0 && floor * categories.Max() >= 1)
            problems.Add($"the probability floor {DiscreteSupport.Format(floor)} times {categories.Max()} categories is ≥ 1; lower the floor below 1/C");
        return problems;
    }

    /// <inheritdoc />
    public void LogDensities(CategoricalComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        RequireDimensions(dimensions);
        component.LogDensities(block, output);
    }

    /// <summary>Missing cells contribute nothing to a row's density nor to any column's counts.</summary>
    public bool ModelsMissingCells => true;

    /// <summary>
    /// Independent columns: a missing cell's imputation is the component's most probable code of its column
    /// (codes are labels, so their mean would mean nothing), its draw a code from p_kj.
    /// </summary>
    public Missing.IConditional Condition(CategoricalComponent component, Missing.MissingPattern pattern)
    {
        var modes = new double[component.Dimensions];
        for (var j = 0; j < modes.Length; j++)
        {
            var probabilities = component.Probabilities(j);
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++) if (probabilities[c] > probabilities[best]) best = c;
            modes[j] = best;
        }
        return new Missing.IndependentConditional(modes, pattern.Missing.ToArray(), component.Dimensions, component.Sample,
            column => component.Probabilities(column).ToArray());
    }

    /// <summary>log p(x_o | θ_k) = Σ over the observed columns of log p_kj(x_j).</summary>
    public void LogDensities(Arr<CategoricalComponent> components, ReadOnlySpan<double> block, int dimensions, Missing.MissingPattern pattern, Span<double> output)
    {
        RequireDimensions(dimensions);
        ObservedColumns.LogDensities(components, block, pattern, output, Restrict, (component, rows, target) => component.LogDensities(rows, target));
    }

    private static CategoricalComponent Restrict(CategoricalComponent component, ReadOnlySpan<int> observed)
    {
        var offsets = new int[observed.Length + 1];
        var probabilities = new List<double>();
        for (var a = 0; a < observed.Length; a++)
        {
            var column = component.Probabilities(observed[a]);
            probabilities.AddRange(column.ToArray());
            offsets[a + 1] = offsets[a] + column.Length;
        }
        return new CategoricalComponent(offsets, [.. probabilities]);
    }

    /// <summary>
    /// Counts skip missing cells already (NaN is no code), so each column's probabilities come from its own
    /// observed cells: the accumulator takes incomplete blocks as they are.
    /// </summary>
    public IStatisticsAccumulator<CategoricalStatistics> CreateAccumulator(Arr<CategoricalComponent> components, int dimensions) =>
        new CombiningAccumulator<CategoricalComponent, CategoricalStatistics>(this, components.Count, dimensions, summarizeSkipsMissing: true);

    /// <inheritdoc />
    public CategoricalStatistics Empty(int dimensions)
    {
        RequireDimensions(dimensions);
        return new CategoricalStatistics(0, _offsets, new double[_offsets[^1]]);
    }

    /// <summary>
    /// N = Σ_i w_i and n_jc = Σ_i w_i [x_ij = c] over the rows of the block. Values that are not codes of
    /// their column are not counted (such rows have density 0, so the E-step never gives them weight).
    /// </summary>
    public CategoricalStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
    {
        RequireDimensions(dimensions);
        var d = dimensions;
        var total = 0.0;
        var counts = new double[_offsets[^1]];
        for (var r = 0; r < weights.Length; r++)
        {
            var w = weights[r];
            if (w == 0) continue;
            total += w;
            var x = block.Slice(r * d, d);
            for (var j = 0; j < d; j++)
            {
                var value = x[j];
                if (value >= 0 && value < _offsets[j + 1] - _offsets[j] && value == Math.Floor(value)) counts[_offsets[j] + (int)value] += w;
            }
        }
        return new CategoricalStatistics(total, _offsets, counts);
    }

    /// <inheritdoc />
    public CategoricalStatistics Combine(CategoricalStatistics first, CategoricalStatistics second) =>
        CategoricalStatistics.Combine(first, second);

    /// <summary>
    /// For each component and column, the p that maximizes Σ_c (n_jc + α − 1) log p_c with every p_c ≥ floor
    /// (α = 1 without a prior): (n_jc + α − 1) / (N + C_j(α − 1)) when no code falls below the floor.
    /// Left (EmptyComponent) when some N_k is not positive; Left (InvalidInput) when the prior is invalid (α &lt; 1).
    /// </summary>
    public Either<Error, Arr<CategoricalComponent>> Estimate(Arr<CategoricalStatistics> statistics)
    {
        if (Prior?.Validate() is { IsFail: true } invalid)
            return invalid.Match(Succ: _ => Errors.InvalidInput("unreachable"), Fail: errors => errors.Head);
        var pseudo = Prior is null ? 0 : Prior.Concentration - 1;
        var components = new CategoricalComponent[statistics.Count];
        var effective = new double[Categories.Count == 0 ? 0 : Categories.Max()];
        for (var k = 0; k < statistics.Count; k++)
        {
            var s = statistics[k];
            if (!(s.Weight > 0)) return Errors.EmptyComponent(k, s.Weight);
            var probabilities = new double[_offsets[^1]];
            for (var j = 0; j < Categories.Count; j++)
            {
                var counts = s.Counts(j);
                for (var c = 0; c < counts.Length; c++) effective[c] = counts[c] + pseudo;
                DiscreteSupport.MaximizeOnSimplex(effective.AsSpan(0, counts.Length), ProbabilityFloor, probabilities.AsSpan(_offsets[j], counts.Length));
            }
            components[k] = new CategoricalComponent(_offsets, probabilities);
        }
        return components.ToArr();
    }

    /// <summary>
    /// Σ_k Σ_j log Dir(p_kj | α) = Σ_k Σ_j [log Γ(C_j α) − C_j log Γ(α) + (α − 1) Σ_c log p_kjc] under the
    /// prior; 0 without one.
    /// </summary>
    public double LogPrior(Arr<CategoricalComponent> components)
    {
        if (Prior is null) return 0;
        var sum = 0.0;
        foreach (var component in components)
            for (var j = 0; j < component.Dimensions; j++)
                sum += Prior.LogDensity(component.Probabilities(j));
        return sum;
    }

    /// <summary>K·Σ_j (C_j − 1): each probability vector has one fewer free entry than codes. D is implied by <see cref="Categories"/>.</summary>
    public int FreeParameters(int components, int dimensions) => components * (_offsets[^1] - Categories.Count);

    /// <summary>
    /// The component with p_jc = ([c = x_j] + ½) / (1 + C_j/2) in each column: the posterior mean after
    /// observing the row once under Jeffreys' Dirichlet(½, …, ½) prior (0.75/0.25 for two codes, as the
    /// Bernoulli family's 0.25 + 0.5·x). A component at the row itself (p = 1 on its codes) would give
    /// every other row density floor^(differences) and start EM stuck in a hard assignment; this one leans
    /// towards the row while every row keeps a reasonable density. A column whose value is not one of its
    /// codes gets the uniform vector.
    /// </summary>
    public CategoricalComponent CenteredAt(ReadOnlySpan<double> center)
    {
        RequireDimensions(center.Length);
        var probabilities = new double[_offsets[^1]];
        for (var j = 0; j < Categories.Count; j++)
        {
            var count = Categories[j];
            var value = center[j];
            var valid = value >= 0 && value < count && value == Math.Floor(value);
            for (var c = 0; c < count; c++)
                probabilities[_offsets[j] + c] = valid ? ((c == (int)value ? 1 : 0) + 0.5) / (1 + 0.5 * count) : 1.0 / count;
        }
        return new CategoricalComponent(_offsets, probabilities);
    }

    /// <inheritdoc />
    public void Sample(CategoricalComponent component, ref RandomSource random, Span<double> output) =>
        component.Sample(ref random, output);

    /// <summary>Value equality: the same categories, prior and floor.</summary>
    public bool Equals(CategoricalFamily? other) =>
        other is not null && Categories.Equals(other.Categories) && Equals(Prior, other.Prior) && ProbabilityFloor.Equals(other.ProbabilityFloor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Categories, Prior, ProbabilityFloor);

    private void RequireDimensions(int dimensions)
    {
        if (dimensions != Categories.Count)
            throw new ArgumentException($"the data has {dimensions} columns but the family describes {Categories.Count}; build the family with CategoricalFamily.ForData or check the data with Check", nameof(dimensions));
    }
}
