using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>
/// Fits Gaussian mixture models by EM.
/// <code>
/// var model = GaussianMixture.Fit(rows, components: 2);
/// int[] labels = model.Predict(rows);
/// foreach (var step in GaussianMixture.Iterate(rows, 2).Take(10)) Console.WriteLine(step.MeanLogLikelihood);
/// </code>
/// </summary>
public static class GaussianMixture
{
    /// <summary>
    /// Fits a <paramref name="components"/>-component mixture to <paramref name="data"/> (N rows of D
    /// values). With <paramref name="sampleWeights"/> (one non-negative weight per row) a row of weight w
    /// counts as w rows everywhere. Reaching the iteration cap is not an error: the model reports
    /// <see cref="MixtureModel.Converged"/> = false.
    /// </summary>
    /// <exception cref="ArgumentException">The data, weights or options are invalid; the message names the row, column or parameter.</exception>
    /// <exception cref="EmFitException">Every restart failed numerically (the message says what to change).</exception>
    public static GaussianMixtureModel Fit(double[][] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, cancellation);

    /// <summary>
    /// Fits as <see cref="Fit(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/> and returns the most probable
    /// component of each row (scikit-learn's <c>fit_predict</c>); keep the model with <c>Fit</c> when you need more.
    /// </summary>
    public static int[] FitPredict(double[][] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(data, components, options, sampleWeights, cancellation).Predict(data);

    /// <inheritdoc cref="FitPredict(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static int[] FitPredict(double[,] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(data, components, options, sampleWeights, cancellation).Predict(data);

    /// <inheritdoc cref="Fit(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static GaussianMixtureModel Fit(double[,] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, cancellation);

    /// <summary>
    /// The lazy, unbounded sequence of EM iterations of <c>Fit</c>'s first restart with the same arguments (or of
    /// its one run from <see cref="GaussianMixtureOptions.InitialParameters"/>): the same start, the same steps, bit
    /// for bit. Nothing runs until you enumerate, enumerating twice gives the same iterations, and no stopping
    /// rule ends it (take as many as you like), but each iteration says where <c>Fit</c> would stop
    /// (<see cref="Iteration.StopReason"/>) and can become that model (<see cref="Iteration.ToModel"/>). Input is
    /// checked now; a numerical failure throws <see cref="EmFitException"/> from the enumeration; once
    /// <paramref name="cancellation"/> fires the sequence ends with the iteration it marks cancelled.
    /// </summary>
    public static IEnumerable<Iteration> Iterate(double[][] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, 0, cancellation);

    /// <inheritdoc cref="Iterate(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static IEnumerable<Iteration> Iterate(double[,] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, 0, cancellation);

    /// <summary>
    /// The iterations of restart <paramref name="restart"/> of <c>Fit</c> with the same arguments (0 ≤ restart &lt;
    /// <see cref="EmSettings.Restarts"/>; restart 0 only, with initial parameters): its start (the seed <c>Fit</c>
    /// derives for it), its steps, bit for bit; otherwise as <see cref="Iterate(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid data, weights, options or restart number.</exception>
    public static IEnumerable<Iteration> Iterate(double[][] data, int components, GaussianMixtureOptions? options, int restart, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, restart, cancellation);

    /// <inheritdoc cref="Iterate(double[][], int, GaussianMixtureOptions, int, double[], CancellationToken)"/>
    public static IEnumerable<Iteration> Iterate(double[,] data, int components, GaussianMixtureOptions? options, int restart, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? GaussianMixtureOptions.Default).ModelsMissingCells), components, options ?? GaussianMixtureOptions.Default, restart, cancellation);

    /// <summary>
    /// Fits a mixture to partially labelled rows (semi-supervised EM, mclust's <c>MclustSSC</c>):
    /// <paramref name="knownLabels"/> holds each row's known class, null where it is unknown. The distinct
    /// labels name components 0, 1, … (see <see cref="EmSettings.KnownLabels"/>, which this sets);
    /// <paramref name="components"/> defaults to their number and may be larger (unnamed components).
    /// </summary>
    /// <exception cref="ArgumentException">The labels do not match the rows, name more classes than components, or name none.</exception>
    public static GaussianMixtureModel Fit(double[][] data, string?[] knownLabels, int? components = null, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        var (labelled, count) = KnownLabelling.Labelled(options, GaussianMixtureOptions.Default, knownLabels, components);
        return Fit(data, count, labelled, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static GaussianMixtureModel Fit(double[,] data, string?[] knownLabels, int? components = null, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        var (labelled, count) = KnownLabelling.Labelled(options, GaussianMixtureOptions.Default, knownLabels, components);
        return Fit(data, count, labelled, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static GaussianMixtureModel Fit(double[,] data, int?[] knownLabels, int? components = null, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(knownLabels);
        return Fit(data, KnownLabelling.FromIntegers(knownLabels), components, options, sampleWeights, cancellation);
    }

    /// <inheritdoc cref="Fit(double[][], string[], Nullable{int}, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static GaussianMixtureModel Fit(double[][] data, int?[] knownLabels, int? components = null, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(knownLabels);
        return Fit(data, KnownLabelling.FromIntegers(knownLabels), components, options, sampleWeights, cancellation);
    }

    private static GaussianMixtureModel Fit(Dataset data, int components, GaussianMixtureOptions options, CancellationToken cancellation)
    {
        var (family, initial) = Validate(data, components, options);
        if (options.Noise is { } noise)
        {
            if (initial is not null) throw new ArgumentException("options.Noise: a noise fit starts from its guess of the noise rows, not from options.InitialParameters; give one or the other", nameof(options));
            var (noiseFamily, noisy, settings) = NoiseFit.Run(family, data, components, noise, options, MixtureWeights.Default, options.Progress, cancellation);
            return new GaussianMixtureModel(noiseFamily, noisy.Mixture, data.Columns, settings.Covariance, FitResultSummary.From(noisy), settings);
        }
        (data, var names) = KnownLabelling.Apply(options, data, components);
        var result = FitPipeline.Fit(family, data, components, options, MixtureWeights.Default, initial, options.Progress, cancellation);
        return new GaussianMixtureModel(family, result, data.Columns, options.Covariance, options) { ComponentLabels = names };
    }

    private static IEnumerable<Iteration> Iterate(Dataset data, int components, GaussianMixtureOptions options, int restart, CancellationToken cancellation)
    {
        var (family, initial) = Validate(data, components, options);
        NoiseFit.RefuseIterate(options.Noise);
        (data, var names) = KnownLabelling.Apply(options, data, components);
        var columns = Enumerable.Range(0, data.Columns).ToImmutableArray();
        var view = new IterationView<GaussianComponent>(
            mixture => [.. mixture.Components.Map(component => ImmutableArray.Create(ColumnFamilyRegistry.Of(ColumnFamily.Gaussian).Describe(columns, component)))],
            Conversions.ToParameters,
            result => new GaussianMixtureModel(family, result, data.Columns, options.Covariance, options) { ComponentLabels = names });
        return FitPipeline.Iterate(family, data, components, options, MixtureWeights.Default, initial, restart, cancellation, view);
    }

    /// <summary>Checks the input; the family, and the given start (checked now: cheap, and part of the input).</summary>
    private static (GaussianFamily Family, Mixture<GaussianComponent>? Initial) Validate(Dataset data, int components, GaussianMixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionValidation.CheckComponents(components);
        OptionValidation.CheckEmSettings(options);
        if (options.InitialParameters is { } initial && initial.Components != components)
            throw new ArgumentException($"options.InitialParameters has {initial.Components} components but {components} were asked for", nameof(options));
        OptionValidation.CheckWidth(data.Columns, components, options.Covariance);
        OptionValidation.CheckObservedColumns(data);
        OptionValidation.CheckDistinctRows(data, components);
        ColumnChecks.CheckGaussian(data, "data");
        var family = Conversions.ToFamily(options.Covariance, options.Regularization);
        return (family, options.InitialParameters is { } given ? Conversions.ToMixture(given, family.Kind, data.Columns) : null);
    }
}
