using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Noise;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>
/// A fitted mixture of (possibly mixed) column families: immutable parameters per component and column
/// group, per-column means and covariances, how the fit went, and inference on new rows.
/// </summary>
public sealed class FamilyMixtureModel : MixtureModel
{
    private readonly ImmutableArray<int> _categories;

    internal FamilyMixtureModel(
        ProductFamily family,
        (ColumnFamily Family, int[] Columns)[] groups,
        ColumnFamily[] columnFamilies,
        CovarianceType covariance,
        FitResult<ProductComponent> result,
        FamilyMixtureOptions options)
        : this(family, groups, columnFamilies, covariance, result.Mixture, FitResultSummary.From(result), options)
    {
    }

    /// <summary>A model from its parts: a fit's, or a saved model's (<see cref="FittedModel"/>).</summary>
    internal FamilyMixtureModel(
        ProductFamily family,
        (ColumnFamily Family, int[] Columns)[] groups,
        ColumnFamily[] columnFamilies,
        CovarianceType covariance,
        Mixture<ProductComponent> mixture,
        FitResultSummary summary,
        FamilyMixtureOptions options)
        : this(new MixtureEvaluator<ProductComponent, ProductStatistics>(family, mixture, component => ColumnMoments(groups, columnFamilies.Length, component)), groups, columnFamilies, covariance, mixture, summary, options)
    {
    }

    /// <summary>A model with a noise component: <paramref name="mixture"/>'s last component is the noise component.</summary>
    internal FamilyMixtureModel(
        NoiseFamily<ProductComponent, ProductStatistics> family,
        (ColumnFamily Family, int[] Columns)[] groups,
        ColumnFamily[] columnFamilies,
        CovarianceType covariance,
        Mixture<NoisyComponent<ProductComponent>> mixture,
        FitResultSummary summary,
        FamilyMixtureOptions options)
        : this(NoiseFit.Evaluator(family, mixture), groups, columnFamilies, covariance, NoiseFit.Signal(mixture), summary, options)
    {
        Noise = new NoiseComponent(mixture.Weights[^1], family.Noise);
    }

    private FamilyMixtureModel(
        IMixtureEvaluator evaluator,
        (ColumnFamily Family, int[] Columns)[] groups,
        ColumnFamily[] columnFamilies,
        CovarianceType covariance,
        Mixture<ProductComponent> mixture,
        FitResultSummary summary,
        FamilyMixtureOptions options)
        : base(evaluator, columnFamilies.Length, [.. mixture.Weights], summary)
    {
        ColumnFamilies = [.. columnFamilies];
        Covariance = columnFamilies.Contains(ColumnFamily.Gaussian) ? covariance : null;
        Options = options;
        Groups = [.. mixture.Components.Map(component =>
            groups.Select((group, g) => ColumnFamilyRegistry.Of(group.Family).Describe([.. group.Columns], component[g])).ToImmutableArray())];
        Means = [.. Groups.Map(parts => PerColumn(parts, columnFamilies.Length, (part, j) => part.ColumnMean(j)))];
        Variances = [.. Groups.Map(parts => PerColumn(parts, columnFamilies.Length, (part, j) => part.ColumnVariance(j)))];
        _covariances = new Lazy<ImmutableArray<ImmutableArray<ImmutableArray<double>>>>(() => [.. Groups.Map(parts => BlockCovariance(parts, columnFamilies.Length))]);
        _categories = CategoryCounts(Groups[0], columnFamilies.Length);
    }

    /// <summary>The family of each column (what <see cref="FamilyChoice.Auto"/> picked, or what was asked for).</summary>
    public ImmutableArray<ColumnFamily> ColumnFamilies { get; }

    /// <summary>The covariance type of the Gaussian columns; null when there are none.</summary>
    public CovarianceType? Covariance { get; }

    /// <summary>The options of the fit that made this model. Saved with the model by <see cref="FittedModel"/>.</summary>
    public FamilyMixtureOptions Options { get; }

    private protected override EmSettings Settings => Options;

    private protected override string Description
    {
        get
        {
            var families = ColumnFamilies.Distinct().Select(family => family.ToString()).ToArray();
            return families.Length == 1 ? $"{families[0]} mixture" : $"Mixture of {string.Join(", ", families[..^1])} and {families[^1]} columns";
        }
    }

    private protected override string CovarianceDescription => Covariance is { } covariance ? Describe(covariance) : "";

    /// <summary>Each column's mean and variance in <paramref name="component"/>, as <see cref="Means"/> and <see cref="Variances"/> report them.</summary>
    private static (double[] Mean, double[] Variance) ColumnMoments((ColumnFamily Family, int[] Columns)[] groups, int columns, ProductComponent component)
    {
        ImmutableArray<ColumnGroupParameters> parts = [.. groups.Select((group, g) => ColumnFamilyRegistry.Of(group.Family).Describe([.. group.Columns], component[g]))];
        return ([.. PerColumn(parts, columns, (part, j) => part.ColumnMean(j))], [.. PerColumn(parts, columns, (part, j) => part.ColumnVariance(j))]);
    }

    /// <summary>Per component, the parameters of each column group (groups in the order of their first column).</summary>
    public ImmutableArray<ImmutableArray<ColumnGroupParameters>> Groups { get; }

    /// <summary>
    /// Per component, E[x_j] for every column: μ for Gaussian columns, p for Bernoulli, λ for Poisson and
    /// Σ_c c·p_c for categorical codes.
    /// </summary>
    public override ImmutableArray<ImmutableArray<double>> Means { get; }

    /// <summary>
    /// Per component, Cov[x] as a full D×D matrix: the Gaussian block, p(1 − p) for Bernoulli, λ for
    /// Poisson, the variance of the code for categorical; zero across groups (they are independent
    /// within a component).
    /// </summary>
    /// <remarks>Built on first use.</remarks>
    public override ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances => _covariances.Value;

    /// <inheritdoc/>
    public override ImmutableArray<ImmutableArray<double>> Variances { get; }

    /// <summary>
    /// True when no component holds a covariance across columns: the Gaussian columns, if any, have a
    /// diagonal or spherical covariance, and every other family's columns are independent.
    /// </summary>
    public bool IsDiagonal => Covariance is not { } covariance || CovarianceTypes.IsDiagonal(covariance);

    private readonly Lazy<ImmutableArray<ImmutableArray<ImmutableArray<double>>>> _covariances;

    /// <summary>
    /// Why this model cannot score <paramref name="value"/> in column <paramref name="column"/>, as a clause that
    /// starts with the value ("7 is a category code the model never saw; …"), or null when it can: the check
    /// <see cref="MixtureModel.Predict(double[][])"/> and the other inference methods make of every value.
    /// </summary>
    public string? ValueProblem(int column, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnFamilies.Length);
        return ColumnFamilyRegistry.Of(ColumnFamilies[column]).Problem(value, _categories[column]);
    }

    private protected override Dataset Checked(Dataset data)
    {
        ColumnChecks.Check(data, ColumnFamilies, _categories, nameof(data));
        return data;
    }

    private static ImmutableArray<double> PerColumn(ImmutableArray<ColumnGroupParameters> parts, int columns, Func<ColumnGroupParameters, int, double> value)
    {
        var result = new double[columns];
        foreach (var part in parts)
            for (var j = 0; j < part.Columns.Length; j++) result[part.Columns[j]] = value(part, j);
        return [.. result];
    }

    private static ImmutableArray<ImmutableArray<double>> BlockCovariance(ImmutableArray<ColumnGroupParameters> parts, int columns)
    {
        var matrix = new double[columns, columns];
        foreach (var part in parts) part.WriteCovariance(matrix);
        return [.. Enumerable.Range(0, columns).Select(i => Enumerable.Range(0, columns).Select(j => matrix[i, j]).ToImmutableArray())];
    }

    /// <summary>Per column, its number of category codes (<see cref="int.MaxValue"/> for a family that has none).</summary>
    private static ImmutableArray<int> CategoryCounts(ImmutableArray<ColumnGroupParameters> parts, int columns)
    {
        var counts = new int[columns];
        foreach (var part in parts)
            for (var j = 0; j < part.Columns.Length; j++) counts[part.Columns[j]] = part.CategoryCount(j);
        return [.. counts];
    }
}
