using System.Collections.Immutable;
using System.Globalization;
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using LanguageExt;

namespace EmFunctional;

/// <summary>
/// Chooses the number of components and the covariance type: fits every cell of a grid
/// (component counts × covariance types) with restarts and reports BIC, AIC and ICL per cell, the best
/// cell, and the cells that failed and why.
/// <code>
/// var table = ModelSelection.Run(rows, new ModelSelectionOptions { Components = ModelSelectionOptions.Range(1, 6) });
/// Console.WriteLine($"{table.Best!.Components} components, {table.Best.Covariance} covariance, BIC {table.Best.Bic:F2}");
/// </code>
/// </summary>
public static class ModelSelection
{
    /// <summary>
    /// Fits every (K, covariance type) cell of the grid in <paramref name="options"/> to <paramref name="data"/>
    /// (N rows of D values) and returns the table. Cell i is fitted like <c>GaussianMixture.Fit</c> with the
    /// options' settings and a seed derived from <see cref="EmSettings.Seed"/> and i, so the
    /// same data and options give the same table. A cell whose fit fails is reported with its error;
    /// it never stops the grid.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The data or options are invalid; the message names the row, column or option.</exception>
    public static ModelSelectionResult Run(double[][] data, ModelSelectionOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return Run(ToDataset(() => Conversions.ToDataset(data, options.SampleWeights, options.ModelsMissingCells)), options, cancellation);
    }

    /// <inheritdoc cref="Run(double[][], ModelSelectionOptions, CancellationToken)"/>
    public static ModelSelectionResult Run(double[,] data, ModelSelectionOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return Run(ToDataset(() => Conversions.ToDataset(data, options.SampleWeights, options.ModelsMissingCells)), options, cancellation);
    }

    private static ModelSelectionResult Run(Dataset data, ModelSelectionOptions asked, CancellationToken cancellation)
    {
        Validate(asked);
        var options = WithGridStart(asked, data);
        OptionValidation.CheckObservedColumns(data);
        ColumnChecks.CheckGaussian(data, "data");
        var components = options.Components is { } given
            ? given.ToImmutableArray()
            : [.. Enumerable.Range(1, Math.Max(1, data.CountDistinctRows(ModelSelectionOptions.DefaultMaximumComponents)))];
        var covariances = CovarianceTypes.Distinct(options.Covariances ?? CovarianceTypes.All, data.Columns).ToImmutableArray();
        if (options.Noise is { } noise) return WithNoise(data, options, components, covariances, noise, cancellation);
        return Grid(data, options, components, covariances, family => new Column<GaussianComponent, GaussianStatistics>(
            new SelectionFamily<GaussianComponent, GaussianStatistics>(family.Model.ToString(), _ => family)
            {
                IsSpiked = (rows, mixture) => GaussianSpike.Find(mixture, rows.TotalWeight, options.Regularization, family.Model).IsSome,
            },
            (fit, settings) => new GaussianMixtureModel(family, fit, data.Columns, settings.Covariance, settings),
            mixture => mixture), cancellation);
    }

    /// <summary>
    /// The grid with mclust's noise component in every cell (<see cref="ModelSelectionOptions.Noise"/>): K Gaussian
    /// components and the noise component, each cell started from the same first guess of the noise rows.
    /// </summary>
    private static ModelSelectionResult WithNoise(Dataset data, ModelSelectionOptions options, ImmutableArray<int> components, ImmutableArray<CovarianceType> covariances, NoiseOptions noise, CancellationToken cancellation)
    {
        var (density, guess) = NoiseFit.Prepare(data, noise);
        return Grid(data, options, components, covariances, family =>
        {
            var noisy = new Core.Families.Noise.NoiseFamily<GaussianComponent, GaussianStatistics>(family, density);
            return new Column<Core.Families.Noise.NoisyComponent<GaussianComponent>, Core.Families.Noise.NoisyStatistics<GaussianStatistics>>(
                new SelectionFamily<Core.Families.Noise.NoisyComponent<GaussianComponent>, Core.Families.Noise.NoisyStatistics<GaussianStatistics>>(family.Model.ToString(), _ => noisy)
                {
                    ExtraComponents = 1,
                    Start = (rows, k, cellOptions, restart, stop) => Core.Families.Noise.NoiseStart.Start(noisy, rows, guess, k, cellOptions, restart, stop),
                    IsSpiked = (rows, mixture) => GaussianSpike.Find(NoiseFit.Signal(mixture), rows.TotalWeight, options.Regularization, family.Model).IsSome,
                },
                (fit, settings) => new GaussianMixtureModel(noisy, fit.Mixture, data.Columns, settings.Covariance, FitResultSummary.From(fit), settings),
                NoiseFit.Signal);
        }, cancellation);
    }

    /// <summary>One covariance model's column of a grid: the core's family, how a fit becomes a model, and the Gaussian components of a fitted mixture (for the spike note).</summary>
    private sealed record Column<TComponent, TStatistics>(
        SelectionFamily<TComponent, TStatistics> Family,
        Func<FitResult<TComponent>, GaussianMixtureOptions, GaussianMixtureModel> Model,
        Func<Mixture<TComponent>, Mixture<GaussianComponent>> Gaussians)
        where TStatistics : IComponentStatistics;

    private static ModelSelectionResult Grid<TComponent, TStatistics>(
        Dataset data, ModelSelectionOptions options, ImmutableArray<int> components, ImmutableArray<CovarianceType> covariances,
        Func<GaussianFamily, Column<TComponent, TStatistics>> column, CancellationToken cancellation)
        where TStatistics : IComponentStatistics
    {
        var columns = covariances.Select(type => column(Conversions.ToFamily(type, options.Regularization))).ToArray();
        var emOptions = FitPipeline.CoreOptions(options, MixtureWeights.Default);
        var events = SelectionGrid.Events(data, components.ToArr(), columns.Select(c => c.Family).ToArr(), emOptions, ToCore(options.Criterion), cancellation).OrThrow();
        var result = SelectionGrid.Outcome(options.Progress is { } progress ? Reported(events, progress, covariances) : events);

        var cells = result.Cells.Map(cell => ToCell(cell, covariances[cell.Index % covariances.Length], columns[cell.Index % covariances.Length], data, options)).ToImmutableArray();
        // Option.Match refuses a null result in LanguageExt, hence no Match here.
        var best = result.BestIndex.IsSome ? cells[result.BestIndex.IfNone(0)] : null;
        return new ModelSelectionResult(cells, options.Criterion, best, components, covariances, data.TotalWeight, data.Columns, options.EffectiveInitialization);
    }

    /// <summary>
    /// The options with <see cref="InitializationMethod.Automatic"/> resolved as a grid resolves it for one
    /// restart per cell (<see cref="GridStart"/>: mclust's hierarchical start up to 2000 rows, else the search),
    /// so that each cell's model records the start that made it.
    /// </summary>
    private static ModelSelectionOptions WithGridStart(ModelSelectionOptions options, Dataset data) =>
        options.Initialization == InitializationMethod.Automatic && options.Restarts == 1
            ? options with { Initialization = GridStart.IsHierarchical(data) ? InitializationMethod.Hierarchical : InitializationMethod.Search }
            : options;

    /// <summary>The grid's events, each cell start and EM step told to <paramref name="progress"/> as it passes.</summary>
    private static IEnumerable<SelectionEvent<TComponent>> Reported<TComponent>(
        IEnumerable<SelectionEvent<TComponent>> events, IProgress<SelectionProgress> progress, ImmutableArray<CovarianceType> covariances)
    {
        var components = 0;
        foreach (var selectionEvent in events)
        {
            switch (selectionEvent)
            {
                case SelectionEvent<TComponent>.CellStarted started:
                    components = started.Components;
                    progress.Report(new SelectionProgress(started.Index, started.Cells, components, covariances[started.Index % covariances.Length], null));
                    break;
                case SelectionEvent<TComponent>.CellFitting { Event: FitEvent<TComponent>.Stepped step } fitting:
                    progress.Report(new SelectionProgress(fitting.Index, fitting.Cells, components, covariances[fitting.Index % covariances.Length], FitPipeline.ToProgress(step)));
                    break;
            }
            yield return selectionEvent;
        }
    }

    private static ModelSelectionCell ToCell<TComponent, TStatistics>(SelectionCell<TComponent> cell, CovarianceType covariance, Column<TComponent, TStatistics> column, Dataset data, ModelSelectionOptions options)
        where TStatistics : IComponentStatistics
    {
        var seed = unchecked((long)cell.Seed);
        return cell.Outcome.Match(
            Right: fit =>
            {
                var model = column.Model(fit.Fit, new GaussianMixtureOptions(options) { Covariance = covariance, Seed = seed, Noise = options.Noise });
                var notes = ImmutableArray.CreateBuilder<string>();
                if (!fit.Fit.Converged)
                    notes.Add($"stopped at the iteration cap ({options.MaxIterations}) before converging");
                var failed = fit.Fit.Restarts.Filter(restart => restart.Outcome.IsLeft).ToList();
                if (failed.Count > 0)
                    notes.Add($"{failed.Count} of {fit.Fit.Restarts.Count} restarts failed (first: {failed[0].Outcome.Match(Right: _ => "", Left: error => error.Message)})");
                // The grid found the spike already (SelectionFamily.IsSpiked); its details are for the note.
                var spike = fit.Spiked ? NearSingular(column.Gaussians(fit.Fit.Mixture), data, options.Regularization, Conversions.ToModel(covariance)) : null;
                if (spike is not null) notes.Add(spike);
                return new ModelSelectionCell(cell.Index, cell.Components, covariance, data.Columns, cell.FreeParameters, seed,
                    model, fit.Icl, null, spike is not null, notes.ToImmutable());
            },
            Left: error => new ModelSelectionCell(cell.Index, cell.Components, covariance, data.Columns, cell.FreeParameters, seed,
                null, null, error.Message, false, []));
    }

    /// <summary>The note of a cell with a spike (<see cref="GaussianSpike"/>), or null when there is none.</summary>
    private static string? NearSingular(Mixture<GaussianComponent> mixture, Dataset data, double regularization, CovarianceModel model)
    {
        if (GaussianSpike.Find(mixture, data.TotalWeight, regularization, model).Case is not GaussianSpike spike) return null;
        var (component, rows) = (spike.Component + 1, Format(spike.EffectiveRows));
        return spike.TooFewRows
            ? $"near-singular: component {component} has {rows} effective rows, fewer than D + 1 = {data.Columns + 1} for a full covariance: a spike whose likelihood is set by the regularization, not comparable with other cells"
            : $"near-singular: component {component} has a covariance eigenvalue of {Format(spike.SmallestEigenvalue)} (regularization {Format(regularization)}) on {rows} effective rows: a spike whose likelihood is set by the regularization, not comparable with other cells";
    }

    private static string Format(double value) => value.ToString("g3", CultureInfo.InvariantCulture);

    private static SelectionCriterion ToCore(ModelSelectionCriterion criterion) => criterion switch
    {
        ModelSelectionCriterion.Bic => SelectionCriterion.Bic,
        ModelSelectionCriterion.Aic => SelectionCriterion.Aic,
        _ => SelectionCriterion.Icl,
    };

    /// <summary>Sample weights live in the options here, so their errors name <c>options</c>.</summary>
    private static Dataset ToDataset(Func<Dataset> convert)
    {
        try
        {
            return convert();
        }
        catch (ArgumentException exception) when (exception.ParamName == "sampleWeights")
        {
            throw new ArgumentException($"options.SampleWeights: {WithoutParameterName(exception)}", "options", exception);
        }
    }

    private static string WithoutParameterName(ArgumentException exception)
    {
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal) ? exception.Message[..^suffix.Length] : exception.Message;
    }

    private static void Validate(ModelSelectionOptions options)
    {
        const string name = "options";
        OptionValidation.CheckEmSettings(options);
        if (!Enum.IsDefined(options.Criterion))
            throw new ArgumentOutOfRangeException(name, options.Criterion, $"options.Criterion is {options.Criterion}; it must be Bic, Aic or Icl");
        if (options.Components is { } components)
        {
            if (components.Count == 0) throw new ArgumentException("options.Components is empty; give at least one component count", name);
            var seen = new System.Collections.Generic.HashSet<int>();
            foreach (var k in components)
            {
                if (k < 1) throw new ArgumentOutOfRangeException(name, k, $"options.Components contains {k}; every component count must be at least 1");
                if (!seen.Add(k)) throw new ArgumentException($"options.Components lists {k} twice; give each component count once", name);
            }
        }
        if (options.Covariances is { } covariances)
        {
            if (covariances.Count == 0) throw new ArgumentException("options.Covariances is empty; give at least one covariance type", name);
            var seen = new System.Collections.Generic.HashSet<CovarianceType>();
            foreach (var type in covariances)
            {
                if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(name, type, $"options.Covariances contains {type}, which is not a covariance type");
                if (!seen.Add(type)) throw new ArgumentException($"options.Covariances lists {type} twice; give each covariance type once", name);
            }
        }
    }
}
