using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Product;

/// <summary>
/// One column group of a <see cref="ProductFamily"/>: a component family over just the columns
/// <see cref="Columns"/> of the full row, behind a non-generic face so that families with different
/// component and statistics types can sit in one list. Components travel as <see cref="object"/> and
/// statistics as <see cref="IComponentStatistics"/>; the adapter made by <see cref="PartFamily.Of"/>
/// casts them back to the family's own types. Every block it receives is already gathered: row-major
/// with exactly <see cref="Dimensions"/> columns, in the order of <see cref="Columns"/>.
/// </summary>
public interface IPartFamily
{
    /// <summary>The columns of the full row this part models (distinct, non-negative), in the order the family sees them.</summary>
    Arr<int> Columns { get; }

    /// <summary>Number of columns of the part, D_g = |Columns|.</summary>
    int Dimensions { get; }

    /// <summary>The wrapped family (an <c>IComponentFamily&lt;TComponent, TStatistics&gt;</c>).</summary>
    object Family { get; }

    /// <summary>The family's component type (what <see cref="ProductComponent.Part{TComponent}"/> returns).</summary>
    Type ComponentType { get; }

    /// <summary>True when <paramref name="component"/> is a component of this part's family.</summary>
    bool Accepts(object component);

    /// <summary>log p_g(x_g | θ_g) for each row of the gathered block.</summary>
    void LogDensities(object component, ReadOnlySpan<double> block, Span<double> output);

    /// <summary>log p_g(x_g | θ_gk) for every row of the gathered block and every component (rows × K), sharing work across components as the family does.</summary>
    void LogDensities(Arr<object> components, ReadOnlySpan<double> block, Span<double> output);

    /// <summary>The family's accumulator of the statistics of <paramref name="components"/> components over gathered blocks.</summary>
    IStatisticsAccumulator<IComponentStatistics> CreateAccumulator(int components);

    /// <summary>True when the family models missing cells (see <see cref="IComponentFamily{TComponent,TStatistics}.ModelsMissingCells"/>).</summary>
    bool ModelsMissingCells { get; }

    /// <summary>log p_g(x_o | θ_gk) for a gathered block whose rows share the group's missingness <paramref name="pattern"/>.</summary>
    void LogDensities(Arr<object> components, ReadOnlySpan<double> block, Missing.MissingPattern pattern, Span<double> output);

    /// <summary>The family's accumulator at the current <paramref name="components"/>, which also takes gathered blocks with missing cells.</summary>
    IStatisticsAccumulator<IComponentStatistics> CreateAccumulator(Arr<object> components);

    /// <summary>The family's conditional of the group's missing cells given its observed ones (<paramref name="pattern"/> over the group's columns).</summary>
    Missing.IConditional Condition(object component, Missing.MissingPattern pattern);

    /// <summary>Statistics of no rows.</summary>
    IComponentStatistics Empty();

    /// <summary>Statistics of the gathered block with per-row weights.</summary>
    IComponentStatistics Summarize(ReadOnlySpan<double> block, ReadOnlySpan<double> weights);

    /// <summary>The family's associative merge.</summary>
    IComponentStatistics Combine(IComponentStatistics first, IComponentStatistics second);

    /// <summary>The family's M-step over all components' statistics of this part.</summary>
    Either<Error, Arr<object>> Estimate(Arr<IComponentStatistics> statistics);

    /// <summary>The family's log-prior of this part's components.</summary>
    double LogPrior(Arr<object> components);

    /// <summary>The family's free parameters for <paramref name="components"/> components over <see cref="Dimensions"/> columns.</summary>
    int FreeParameters(int components);

    /// <summary>The family's starting component around the gathered <paramref name="center"/>.</summary>
    object CenteredAt(ReadOnlySpan<double> center);

    /// <summary>Draws the part's columns of one row (gathered order) into <paramref name="output"/>.</summary>
    void Sample(object component, ref RandomSource random, Span<double> output);

    /// <summary>
    /// The family's own data check (e.g. "counts are non-negative integers") on a data set holding only
    /// this part's columns; success when the family has none.
    /// </summary>
    Validation<Error, Dataset> Check(Dataset columns);

    /// <summary>
    /// The group family's support for degenerate components (<see cref="Degeneracy.IRepairableFamily{TComponent,TStatistics}"/>)
    /// on untyped components and statistics; null when the family has none (its components are then restarted
    /// with <see cref="CenteredAt"/> when they degenerate).
    /// </summary>
    Degeneracy.IRepairableFamily<object, IComponentStatistics>? Repairable { get; }
}

/// <summary>Factories for <see cref="IPartFamily"/>.</summary>
public static class PartFamily
{
    /// <summary>
    /// Wraps <paramref name="family"/> as the model of <paramref name="columns"/> (column indices of the
    /// full row, in the order the family is to see them). <paramref name="check"/>, when given, validates
    /// the data of those columns (see <see cref="ProductFamily.Check"/>): pass the family's own check,
    /// e.g. <c>PartFamily.Of(poisson, [3], poisson.Check)</c>.
    /// </summary>
    public static IPartFamily Of<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        int[] columns,
        Func<Dataset, Validation<Error, Dataset>>? check = null)
        where TComponent : notnull
        where TStatistics : IComponentStatistics =>
        new PartFamily<TComponent, TStatistics>(family, columns.ToArr(), check);
}

/// <summary>The adapter behind <see cref="PartFamily.Of{TComponent,TStatistics}"/>: casts and delegates.</summary>
internal sealed class PartFamily<TComponent, TStatistics>(
    IComponentFamily<TComponent, TStatistics> family,
    Arr<int> columns,
    Func<Dataset, Validation<Error, Dataset>>? check)
    : IPartFamily, IEquatable<PartFamily<TComponent, TStatistics>>
    where TComponent : notnull
    where TStatistics : IComponentStatistics
{
    public Arr<int> Columns { get; } = columns;

    public int Dimensions => Columns.Count;

    public object Family => family;

    public Type ComponentType => typeof(TComponent);

    public bool Accepts(object component) => component is TComponent;

    public void LogDensities(object component, ReadOnlySpan<double> block, Span<double> output) =>
        family.LogDensities((TComponent)component, block, Dimensions, output);

    public void LogDensities(Arr<object> components, ReadOnlySpan<double> block, Span<double> output) =>
        family.LogDensities(components.Map(c => (TComponent)c), block, Dimensions, output);

    public IStatisticsAccumulator<IComponentStatistics> CreateAccumulator(int components) =>
        new UntypedAccumulator(family.CreateAccumulator(components, Dimensions));

    public bool ModelsMissingCells => family.ModelsMissingCells;

    public void LogDensities(Arr<object> components, ReadOnlySpan<double> block, Missing.MissingPattern pattern, Span<double> output) =>
        family.LogDensities(components.Map(c => (TComponent)c), block, Dimensions, pattern, output);

    public IStatisticsAccumulator<IComponentStatistics> CreateAccumulator(Arr<object> components) =>
        new UntypedAccumulator(family.CreateAccumulator(components.Map(c => (TComponent)c), Dimensions));

    public Missing.IConditional Condition(object component, Missing.MissingPattern pattern) => family.Condition((TComponent)component, pattern);

    public IComponentStatistics Empty() => family.Empty(Dimensions);

    public IComponentStatistics Summarize(ReadOnlySpan<double> block, ReadOnlySpan<double> weights) =>
        family.Summarize(block, Dimensions, weights);

    public IComponentStatistics Combine(IComponentStatistics first, IComponentStatistics second) =>
        family.Combine((TStatistics)first, (TStatistics)second);

    public Either<Error, Arr<object>> Estimate(Arr<IComponentStatistics> statistics) =>
        family.Estimate(statistics.Map(s => (TStatistics)s)).Map(components => components.Map(c => (object)c));

    public double LogPrior(Arr<object> components) => family.LogPrior(components.Map(c => (TComponent)c));

    public int FreeParameters(int components) => family.FreeParameters(components, Dimensions);

    public object CenteredAt(ReadOnlySpan<double> center) => family.CenteredAt(center);

    public void Sample(object component, ref RandomSource random, Span<double> output) =>
        family.Sample((TComponent)component, ref random, output);

    public Validation<Error, Dataset> Check(Dataset data) => check is null ? Success<Error, Dataset>(data) : check(data);

    public Degeneracy.IRepairableFamily<object, IComponentStatistics>? Repairable { get; } =
        family is Degeneracy.IRepairableFamily<TComponent, TStatistics> repairable ? new UntypedRepair(repairable) : null;

    public bool Equals(PartFamily<TComponent, TStatistics>? other) =>
        other is not null && Equals(family, other.Family) && Columns == other.Columns; // the check follows from the family

    public override bool Equals(object? obj) => Equals(obj as PartFamily<TComponent, TStatistics>);

    public override int GetHashCode() => HashCode.Combine(family, Columns);

    public override string ToString() => $"{family} on columns [{string.Join(", ", Columns)}]";

    /// <summary>The family's repairs, with its components and statistics seen as objects.</summary>
    private sealed class UntypedRepair(Degeneracy.IRepairableFamily<TComponent, TStatistics> inner) : Degeneracy.IRepairableFamily<object, IComponentStatistics>
    {
        public double Regularization => inner.Regularization;

        public bool EstimatesComponentsIndependently => inner.EstimatesComponentsIndependently;

        public Either<Error, Arr<object>> EstimateWith(Arr<IComponentStatistics> statistics, double regularization) =>
            inner.EstimateWith(statistics.Map(s => (TStatistics)s), regularization).Map(components => components.Map(c => (object)c));

        public bool IsCollapsed(IComponentStatistics statistics, object component) => inner.IsCollapsed((TStatistics)statistics, (TComponent)component);

        public double RowsNeeded(IComponentStatistics statistics) => inner.RowsNeeded((TStatistics)statistics);

        public object Restart(ReadOnlySpan<double> center, Arr<object> others) => inner.Restart(center, others.Map(o => (TComponent)o));
    }

    /// <summary>The family's own accumulator, with its statistics seen as <see cref="IComponentStatistics"/>.</summary>
    private sealed class UntypedAccumulator(IStatisticsAccumulator<TStatistics> inner) : IStatisticsAccumulator<IComponentStatistics>
    {
        public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights) =>
            inner.Add(block, responsibilities, rowWeights);

        public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, Missing.MissingPattern pattern) =>
            inner.Add(block, responsibilities, rowWeights, pattern);

        public IComponentStatistics[] Results() => [.. inner.Results().Select(s => (IComponentStatistics)s)];

        public void Reset() => inner.Reset();
    }
}
