using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using LanguageExt;

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
        Fit(Conversions.ToDataset(data, sampleWeights), components, options ?? GaussianMixtureOptions.Default, cancellation);

    /// <inheritdoc cref="Fit(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static GaussianMixtureModel Fit(double[,] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Fit(Conversions.ToDataset(data, sampleWeights), components, options ?? GaussianMixtureOptions.Default, cancellation);

    /// <summary>
    /// The lazy, unbounded sequence of EM iterations from the start that <c>Fit</c>'s first restart
    /// would use (or <see cref="GaussianMixtureOptions.InitialParameters"/>): nothing runs until you
    /// enumerate, enumerating twice gives the same iterations, and no stopping rule is applied: take
    /// as many as you like. Input is checked now; a numerical failure throws <see cref="EmFitException"/>
    /// from the enumeration; once <paramref name="cancellation"/> fires the sequence ends before the next
    /// iteration.
    /// </summary>
    public static IEnumerable<Iteration> Iterate(double[][] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights), components, options ?? GaussianMixtureOptions.Default, cancellation);

    /// <inheritdoc cref="Iterate(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    public static IEnumerable<Iteration> Iterate(double[,] data, int components, GaussianMixtureOptions? options = null, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights), components, options ?? GaussianMixtureOptions.Default, cancellation);

    private static GaussianMixtureModel Fit(Dataset data, int components, GaussianMixtureOptions options, CancellationToken cancellation)
    {
        var family = Validate(data, components, options);
        var stopping = StoppingRule.Default(options.Tolerance, options.MaxIterations, options.ResponsibilityTolerance);
        var degeneracy = Conversions.ToPolicy(options.DegenerateComponents);
        var budget = FitBudget.Start(options.TimeBudget);
        var events = options.InitialParameters is { } initial
            ? Fitting.RunFrom(family, data, Conversions.ToMixture(initial, family.Kind, data.Columns), stopping, cancellation,
                maxDegreeOfParallelism: options.MaxDegreeOfParallelism, degeneracy: degeneracy, budget: budget)
            : Fitting.Run(family, data, components,
                new EmOptions(stopping, Conversions.ToStrategy(options.Initialization), options.Restarts, unchecked((ulong)options.Seed))
                {
                    MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
                    Degeneracy = degeneracy,
                    Budget = budget,
                },
                cancellation);
        var result = Fitting.Outcome(options.Progress is { } progress ? FamilyMixture.Reported(events, progress) : events);
        return new GaussianMixtureModel(family, result.OrThrow(), data.Columns, options.Covariance, options);
    }

    private static IEnumerable<Iteration> Iterate(Dataset data, int components, GaussianMixtureOptions options, CancellationToken cancellation)
    {
        var family = Validate(data, components, options);
        var track = options.ResponsibilityTolerance is not null;
        // Checking given parameters is cheap and belongs to input validation; running an
        // initialization strategy is work, so it waits for the first enumeration.
        var given = options.InitialParameters is { } initial ? Conversions.ToMixture(initial, family.Kind, data.Columns) : null;
        return Lazy();

        IEnumerable<Iteration> Lazy()
        {
            var start = given
                ?? Initializer.Initialize(family, data, components, Conversions.ToStrategy(options.Initialization), RandomSource.DeriveSeed(unchecked((ulong)options.Seed), 0),
                    Conversions.ToPolicy(options.DegenerateComponents)).OrThrow();
            var degeneracy = Conversions.ToPolicy(options.DegenerateComponents);
            foreach (var step in Em.Iterate(family, data, start, track, maxDegreeOfParallelism: options.MaxDegreeOfParallelism, cancellation: cancellation, degeneracy: degeneracy))
            {
                var state = step.OrThrow();
                yield return new Iteration(
                    state.Iteration,
                    state.MeanLogLikelihood,
                    Conversions.FiniteOrNull(state.Change),
                    Conversions.ToNullable(state.ResponsibilityChange),
                    Conversions.ToParameters(state.Mixture))
                {
                    Events = [.. state.Repairs.Map(repair => Conversions.ToEvent(state.Iteration, repair))],
                };
            }
        }
    }

    private static GaussianFamily Validate(Dataset data, int components, GaussianMixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionValidation.CheckComponents(components);
        OptionValidation.CheckEmSettings(options.Restarts, options.MaxIterations, options.Tolerance, options.ResponsibilityTolerance, options.Regularization);
        OptionValidation.CheckParallelism(options.MaxDegreeOfParallelism);
        OptionValidation.CheckTimeBudget(options.TimeBudget);
        if (options.InitialParameters is { } initial && initial.Components != components)
            throw new ArgumentException($"options.InitialParameters has {initial.Components} components but {components} were asked for", nameof(options));
        OptionValidation.CheckDistinctRows(data, components);
        ColumnChecks.CheckGaussian(data, "data");
        return new GaussianFamily(Conversions.ToKind(options.Covariance), options.Regularization);
    }
}
