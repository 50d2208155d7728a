using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional;

/// <summary>
/// Fits mixtures whose columns may be of different kinds — continuous (Gaussian), binary (Bernoulli),
/// counts (Poisson), category codes (categorical) — by the same EM as <see cref="GaussianMixture"/>.
/// Within a component the column groups are independent (naive-Bayes style); the Gaussian columns
/// together form one multivariate Gaussian.
/// <code>
/// var model = FamilyMixture.Fit(rows, components: 3);              // a family per column, picked from the values
/// var classes = FamilyMixture.Fit(answers, 2, new() { Family = FamilyChoice.Bernoulli, UsePriors = true });
/// </code>
/// </summary>
public static partial class FamilyMixture
{
    /// <summary>
    /// Fits a <paramref name="components"/>-component mixture. Reaching the iteration cap is not an error
    /// (<see cref="MixtureModel.Converged"/> is false).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid data, weights or options, or a value its column's family cannot model; the message names the row, column or option.</exception>
    /// <exception cref="EmFitException">Every restart failed numerically.</exception>
    public static FamilyMixtureModel Fit(double[][] data, int components, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(Conversions.ToDataset(data, sampleWeights, (options ?? FamilyMixtureOptions.Default).ModelsMissingCells), data[0].Length, () => ColumnFamilyDetection.Detect(data), components, options, cancellation);

    /// <summary>
    /// Fits as <see cref="Fit(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/> and returns the most probable
    /// component of each row (scikit-learn's <c>fit_predict</c>); keep the model with <c>Fit</c> when you need more.
    /// </summary>
    public static int[] FitPredict(double[][] data, int components, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(data, components, options, sampleWeights, cancellation).Predict(data);

    /// <inheritdoc cref="FitPredict(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/>
    public static int[] FitPredict(double[,] data, int components, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(data, components, options, sampleWeights, cancellation).Predict(data);

    /// <inheritdoc cref="Fit(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/>
    public static FamilyMixtureModel Fit(double[,] data, int components, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(Conversions.ToDataset(data, sampleWeights, (options ?? FamilyMixtureOptions.Default).ModelsMissingCells), data.GetLength(1), () => ColumnFamilyDetection.Detect(data), components, options, cancellation);

    /// <summary>
    /// Fits a mixture to partially labelled rows (semi-supervised EM): <paramref name="knownLabels"/> holds
    /// each row's known class, null where it is unknown; see
    /// <see cref="GaussianMixture.Fit(double[][], string[], Nullable{int}, GaussianMixtureOptions, double[], CancellationToken)"/>.
    /// </summary>
    public static FamilyMixtureModel Fit(double[][] data, string?[] knownLabels, int? components = null, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        var (labelled, count) = KnownLabelling.Labelled(options, FamilyMixtureOptions.Default, knownLabels, components);
        return Fit(data, count, labelled, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, FamilyMixtureOptions, double[], CancellationToken)"/>
    public static FamilyMixtureModel Fit(double[,] data, string?[] knownLabels, int? components = null, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        var (labelled, count) = KnownLabelling.Labelled(options, FamilyMixtureOptions.Default, knownLabels, components);
        return Fit(data, count, labelled, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, FamilyMixtureOptions, double[], CancellationToken)"/>
    public static FamilyMixtureModel Fit(double[,] data, int?[] knownLabels, int? components = null, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(knownLabels);
        return Fit(data, KnownLabelling.FromIntegers(knownLabels), components, options, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, FamilyMixtureOptions, double[], CancellationToken)"/>
    public static FamilyMixtureModel Fit(double[][] data, int?[] knownLabels, int? components = null, FamilyMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(knownLabels);
        return Fit(data, KnownLabelling.FromIntegers(knownLabels), components, options, sampleWeights, cancellation);
    }

    /// <summary>The fit of a checked, converted data set of <paramref name="columns"/> columns.</summary>
    private static FamilyMixtureModel Fit(Dataset dataset, int columns, Func<ColumnFamily[]> detect, int components, FamilyMixtureOptions? options, CancellationToken cancellation)
    {
        var setup = Prepare(dataset, columns, detect, components, options ?? FamilyMixtureOptions.Default);
        if (setup.Options.Noise is { } noise) return FitWithNoise(setup, dataset, components, noise, cancellation);
        (dataset, var names) = KnownLabelling.Apply(setup.Options, dataset, components);
        var result = FitPipeline.Fit(setup.Family, dataset, components, setup.Options, setup.Weights, null, setup.Options.Progress, cancellation);
        return setup.Model(result, names);
    }

    /// <summary>
    /// The fit with a noise component (<see cref="FamilyMixtureOptions.Noise"/>): the uniform density over the
    /// data's box, the first guess of the noise rows (the caller's, or nearest-neighbour cleaning), and EM from the
    /// signal components started on the other rows.
    /// </summary>
    private static FamilyMixtureModel FitWithNoise(Setup setup, Dataset dataset, int components, NoiseOptions noise, CancellationToken cancellation)
    {
        if (setup.ColumnFamilies.Any(family => family != ColumnFamily.Gaussian))
            throw new ArgumentException("options.Noise: the noise component is a uniform density over the data's box, for Gaussian columns only; the data has " +
                string.Join(", ", setup.ColumnFamilies.Distinct().Where(family => family != ColumnFamily.Gaussian)) + " columns", "options");
        var (family, result, options) = NoiseFit.Run(setup.Family, dataset, components, noise, setup.Options, setup.Weights, setup.Options.Progress, cancellation);
        return new FamilyMixtureModel(family, setup.Groups, setup.ColumnFamilies, options.Covariance, result.Mixture, FitResultSummary.From(result), options);
    }

    /// <summary>What <c>Fit</c> and <c>Iterate</c> share: the checked options and the model they describe.</summary>
    private sealed record Setup(
        FamilyMixtureOptions Options,
        ColumnFamily[] ColumnFamilies,
        (ColumnFamily Family, int[] Columns)[] Groups,
        ProductFamily Family,
        MixtureWeights Weights)
    {
        public FamilyMixtureModel Model(FitResult<ProductComponent> result, System.Collections.Immutable.ImmutableArray<string?> componentLabels = default) =>
            new(Family, Groups, ColumnFamilies, Options.Covariance, result, Options) { ComponentLabels = componentLabels };
    }

    /// <summary>Checks the data and options and builds the family, the stopping rule and the weight policy.</summary>
    private static Setup Prepare(Dataset dataset, int columns, Func<ColumnFamily[]> detect, int components, FamilyMixtureOptions options)
    {
        OptionValidation.CheckComponents(components);
        OptionValidation.CheckEmSettings(options);
        if (options.WeightConcentration is { } alpha && new MixtureWeights.Dirichlet(alpha).Problem.Case is Error problem)
            throw new ArgumentOutOfRangeException(nameof(options), alpha, $"options.WeightConcentration: {problem.Message}");
        var families = ResolveFamilies(columns, detect, options);
        ColumnChecks.Check(dataset, families, null, "data");
        OptionValidation.CheckWidth(families.Count(family => family == ColumnFamily.Gaussian), components, options.Covariance);
        OptionValidation.CheckPriorsAvailable(options.UsePriors, options.Covariance, families.Contains(ColumnFamily.Gaussian));
        OptionValidation.CheckObservedColumns(dataset);
        OptionValidation.CheckDistinctRows(dataset, components);

        var groups = Groups(families);
        var family = BuildFamily(dataset, components, groups, options);
        var weights = options.WeightConcentration is { } concentration ? new MixtureWeights.Dirichlet(concentration) : MixtureWeights.Default;
        return new Setup(options, families, groups, family, weights);
    }

    /// <summary>
    /// The family of each column that <c>Fit</c> with <paramref name="options"/> gives <paramref name="data"/>:
    /// <see cref="FamilyMixtureOptions.ColumnFamilies"/> when set, else every column of <see cref="FamilyMixtureOptions.Family"/>,
    /// or for <see cref="FamilyChoice.Auto"/> what <see cref="ColumnFamilyDetection.Detect(double[][])"/> picks. For a caller
    /// that checks or describes the columns before fitting.
    /// </summary>
    /// <exception cref="ArgumentException">The options' column families do not match the data's width, or the data has no rows.</exception>
    public static IReadOnlyList<ColumnFamily> ColumnFamiliesOf(double[][] data, FamilyMixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0 || data[0] is null) throw new ArgumentException("the data has no rows; at least one row is needed", nameof(data));
        return ResolveFamilies(data[0].Length, () => ColumnFamilyDetection.Detect(data), options ?? FamilyMixtureOptions.Default);
    }

    /// <inheritdoc cref="ColumnFamiliesOf(double[][], FamilyMixtureOptions)"/>
    public static IReadOnlyList<ColumnFamily> ColumnFamiliesOf(double[,] data, FamilyMixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetLength(0) == 0) throw new ArgumentException("the data has no rows; at least one row is needed", nameof(data));
        return ResolveFamilies(data.GetLength(1), () => ColumnFamilyDetection.Detect(data), options ?? FamilyMixtureOptions.Default);
    }

    private static ColumnFamily[] ResolveFamilies(int columns, Func<ColumnFamily[]> detect, FamilyMixtureOptions options)
    {
        if (options.ColumnFamilies is { } explicitFamilies)
        {
            if (explicitFamilies.Count != columns)
                throw new ArgumentException($"options.ColumnFamilies has {explicitFamilies.Count} entries but the data has {columns} columns; give one family per column", nameof(options));
            return [.. explicitFamilies];
        }
        if (options.Family == FamilyChoice.Auto) return detect();
        var family = ColumnFamilyRegistry.All.FirstOrDefault(definition => definition.Choice == options.Family)
            ?? throw new ArgumentOutOfRangeException(nameof(options), options.Family, "unknown family");
        return Enumerable.Repeat(family.Family, columns).ToArray();
    }

    /// <summary>Columns grouped by family, groups in the order of their first column.</summary>
    internal static (ColumnFamily Family, int[] Columns)[] Groups(ColumnFamily[] families) =>
        families.Select((family, column) => (family, column))
            .GroupBy(pair => pair.family)
            .OrderBy(group => group.First().column)
            .Select(group => (group.Key, group.Select(pair => pair.column).ToArray()))
            .ToArray();

    private static ProductFamily BuildFamily(Dataset data, int components, (ColumnFamily Family, int[] Columns)[] groups, FamilyMixtureOptions options) =>
        Valid(ProductFamily.Create(groups.Select(group => ColumnFamilyRegistry.Of(group.Family).Part(data, group.Columns, components, options))));

    private static T Valid<T>(Validation<Error, T> value) => value.Match(
        Succ: v => v,
        Fail: errors => throw new ArgumentException(string.Join("; ", errors.Map(e => e.Message))));
}
