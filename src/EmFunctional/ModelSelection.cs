using System.Collections.Immutable;
using System.Globalization;
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
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
        var families = covariances.Select(type =>
        {
            var family = Conversions.ToFamily(type, options.Regularization);
            return new SelectionFamily<GaussianComponent, GaussianStatistics>(type.ToString(), _ => family)
            {
                IsSpiked = (rows, mixture) => GaussianSpike.Find(mixture, rows.TotalWeight, options.Regularization, family.Model).IsSome,
            };
        }).ToArr();
        var emOptions = FitPipeline.CoreOptions(options, MixtureWeights.Default);
        var events = SelectionGrid.Events(data, components.ToArr(), families, emOptions, ToCore(options.Criterion), cancellation).OrThrow();
        var result = SelectionGrid.Outcome(options.Progress is { } progress ? Reported(events, progress, covariances) : events);

        var cells = result.Cells.Map(cell => ToCell(cell, covariances[cell.Index % covariances.Length], data, options)).ToImmutableArray();
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
    private static IEnumerable<SelectionEvent<GaussianComponent>> Reported(
        IEnumerable<SelectionEvent<GaussianComponent>> events, IProgress<SelectionProgress> progress, ImmutableArray<CovarianceType> covariances)
    {
        var components = 0;
        foreach (var selectionEvent in events)
        {
            switch (selectionEvent)
            {
                case SelectionEvent<GaussianComponent>.CellStarted started:
                    components = started.Components;
                    progress.Report(new SelectionProgress(started.Index, started.Cells, components, covariances[started.Index % covariances.Length], null));
                    break;
                case SelectionEvent<GaussianComponent>.CellFitting { Event: FitEvent<GaussianComponent>.Stepped step } fitting:
                    progress.Report(new SelectionProgress(fitting.Index, fitting.Cells, components, covariances[fitting.Index % covariances.Length], FitPipeline.ToProgress(step)));
                    break;
            }
            yield return selectionEvent;
        }
    }

    private static ModelSelectionCell ToCell(SelectionCell<GaussianComponent> cell, CovarianceType covariance, Dataset data, ModelSelectionOptions options)
    {
        var seed = unchecked((long)cell.Seed);
        return cell.Outcome.Match(
            Right: fit =>
            {
                var family = Conversions.ToFamily(covariance, options.Regularization);
                var model = new GaussianMixtureModel(family, fit.Fit, data.Columns, covariance,
                    new GaussianMixtureOptions(options) { Covariance = covariance, Seed = seed });
                var notes = ImmutableArray.CreateBuilder<string>();
                if (!fit.Fit.Converged)
                    notes.Add($"stopped at the iteration cap ({options.MaxIterations}) before converging");
                var failed = fit.Fit.Restarts.Filter(restart => restart.Outcome.IsLeft).ToList();
                if (failed.Count > 0)
                    notes.Add($"{failed.Count} of {fit.Fit.Restarts.Count} restarts failed (first: {failed[0].Outcome.Match(Right: _ => "", Left: error => error.Message)})");
                // The grid found the spike already (SelectionFamily.IsSpiked); its details are for the note.
                var spike = fit.Spiked ? NearSingular(fit.Fit.Mixture, data, options.Regularization, family.Model) : null;
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
