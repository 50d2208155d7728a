using EmFunctional.Core;
using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using LanguageExt;
using LanguageExt.Common;
using CoreStopReason = EmFunctional.Core.Convergence.StopReason;

namespace EmFunctional;

/// <summary>
/// The border between plain .NET values and the core: checks input, converts it, and turns the core's
/// errors into exceptions. Nothing of LanguageExt or MathNet crosses it.
/// </summary>
internal static class Conversions
{
    public static Dataset ToDataset(double[][] data, double[]? sampleWeights, bool allowMissing = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0) throw new ArgumentException("the data has no rows; at least one row is needed", nameof(data));
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] is null) throw new ArgumentException($"row {i} is null", nameof(data));
            if (data[i].Length == 0) throw new ArgumentException($"row {i} has no columns; at least one column is needed", nameof(data));
            if (data[i].Length != data[0].Length)
                throw new ArgumentException($"row {i} has {data[i].Length} columns but row 0 has {data[0].Length}; every row must have the same number of columns", nameof(data));
        }
        CheckWeightCount(sampleWeights, data.Length);
        return Validated(Dataset.FromRows(data, sampleWeights, allowMissing), sampleWeights);
    }

    public static Dataset ToDataset(double[,] data, double[]? sampleWeights, bool allowMissing = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.GetLength(0);
        var columns = data.GetLength(1);
        if (rows == 0) throw new ArgumentException("the data has no rows; at least one row is needed", nameof(data));
        if (columns == 0) throw new ArgumentException("the data has no columns; at least one column is needed", nameof(data));
        CheckWeightCount(sampleWeights, rows);
        var values = new double[rows * columns];
        Buffer.BlockCopy(data, 0, values, 0, values.Length * sizeof(double));
        return Validated(Dataset.Adopt(values, rows, columns, sampleWeights, allowMissing), sampleWeights);
    }

    // The core reads an empty weight span as "unweighted"; an empty array from a caller is a mistake.
    private static void CheckWeightCount(double[]? sampleWeights, int rows)
    {
        if (sampleWeights is not null && sampleWeights.Length != rows)
            throw new ArgumentException($"sample weights have {sampleWeights.Length} entries but the data has {rows} rows; give one weight per row", nameof(sampleWeights));
    }

    private static Dataset Validated(Validation<Error, Dataset> dataset, double[]? sampleWeights) =>
        dataset.Match(
            Succ: d => d,
            Fail: errors =>
            {
                var message = string.Join("; ", errors.Map(e => e.Message));
                var parameter = sampleWeights is not null && errors.Exists(e => e.Code == ErrorCodes.InvalidWeights) ? "sampleWeights" : "data";
                if (errors.Count == 1 && errors.Head is RowError { Column: { } column } value)
                    throw new DataValueException(value.Row, column, value.Problem, parameter);
                throw new ArgumentException(message, parameter);
            });

    /// <summary>Checks that a row block has the model's width (for Predict and friends).</summary>
    public static Dataset ToDataset(double[][] data, int expectedColumns)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] is null) throw new ArgumentException($"row {i} is null", nameof(data));
            if (data[i].Length != expectedColumns)
                throw new ArgumentException($"row {i} has {data[i].Length} columns but the model was fitted on {expectedColumns}", nameof(data));
        }
        if (data.Length == 0) throw new ArgumentException("the data has no rows; at least one row is needed", nameof(data));
        return ToDataset(data, null);
    }

    public static Dataset ToDataset(double[,] data, int expectedColumns)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetLength(1) != expectedColumns)
            throw new ArgumentException($"the data has {data.GetLength(1)} columns but the model was fitted on {expectedColumns}", nameof(data));
        return ToDataset(data, null);
    }

    /// <summary>The core's model of a covariance type (mclust's name).</summary>
    public static CovarianceModel ToModel(CovarianceType type) => type switch
    {
        CovarianceType.Full => CovarianceModel.VVV,
        CovarianceType.Diagonal => CovarianceModel.VVI,
        CovarianceType.Spherical => CovarianceModel.VII,
        CovarianceType.Tied => CovarianceModel.EEE,
        _ when Enum.IsDefined(type) => Enum.Parse<CovarianceModel>(type.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown covariance type"),
    };

    /// <summary>How a component of the type keeps its covariance in the core: full, diagonal, spherical or tied.</summary>
    public static CovarianceKind ToKind(CovarianceType type) => CovarianceModels.Storage(ToModel(type));

    /// <summary>The Gaussian family of a covariance type.</summary>
    public static GaussianFamily ToFamily(CovarianceType type, double regularization) => GaussianFamily.For(ToModel(type), regularization);

    public static InitializationStrategy ToStrategy(InitializationMethod method) => method switch
    {
        InitializationMethod.KMeansPlusPlus => new InitializationStrategy.KMeansPlusPlus(),
        InitializationMethod.KMeans => new InitializationStrategy.KMeans(),
        InitializationMethod.RandomFromData => new InitializationStrategy.RandomFromData(),
        InitializationMethod.RandomResponsibilities => new InitializationStrategy.RandomResponsibilities(),
        InitializationMethod.Hierarchical => new InitializationStrategy.Hierarchical(),
        InitializationMethod.Search => InitializationStrategy.ShortEm.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown initialization method"),
    };

    public static StopReason ToStopReason(CoreStopReason reason) => reason switch
    {
        CoreStopReason.LogLikelihoodConverged => StopReason.LogLikelihoodConverged,
        CoreStopReason.ResponsibilitiesConverged => StopReason.ResponsibilitiesConverged,
        CoreStopReason.MaximumIterations => StopReason.MaximumIterations,
        CoreStopReason.BudgetExhausted => StopReason.TimeBudgetExhausted,
        CoreStopReason.StoppedByCaller => StopReason.StoppedByCaller,
        _ => StopReason.Cancelled,
    };

    /// <summary>The core's degeneracy policy for the facade's choice.</summary>
    public static DegeneracyPolicy ToPolicy(DegenerateComponentPolicy policy) => policy switch
    {
        DegenerateComponentPolicy.Regularize => DegeneracyPolicy.Regularize,
        DegenerateComponentPolicy.Reinitialize => DegeneracyPolicy.Reinitialize,
        DegenerateComponentPolicy.Error => DegeneracyPolicy.Fail,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown degenerate-component policy"),
    };

    /// <summary>A core repair, made in the M-step of <paramref name="iteration"/>, as a facade event.</summary>
    public static ComponentEvent ToEvent(int iteration, ComponentRepair repair) => new(
        iteration,
        repair.Component,
        repair.Reason switch
        {
            DegeneracyReason.TooFewRows => DegeneracyCause.TooFewRows,
            DegeneracyReason.IllDefined => DegeneracyCause.IllDefinedCovariance,
            DegeneracyReason.UnderDetermined => DegeneracyCause.UnderDetermined,
            _ => DegeneracyCause.Collapsed,
        },
        repair.Action == DegeneracyAction.Reinitialize ? DegenerateComponentPolicy.Reinitialize : DegenerateComponentPolicy.Regularize,
        repair.EffectiveCount,
        double.IsNaN(repair.Regularization) ? null : repair.Regularization,
        repair.Row >= 0 ? repair.Row : null,
        $"iteration {iteration}: {repair.Describe()}");

    /// <summary>Every repair along a restart's trace, in order.</summary>
    public static System.Collections.Immutable.ImmutableArray<ComponentEvent> ToEvents(Arr<TracePoint> trace) =>
        [.. trace.Bind(point => point.Repairs.Map(repair => ToEvent(point.Iteration, repair)))];

    // Option.Match refuses a null result in LanguageExt, hence no Match here.
    public static double? ToNullable(Option<double> value) => value.IsSome ? value.IfNone(0) : null;

    /// <summary>Infinite first-step changes become null: "no previous value" is not a number.</summary>
    public static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;

    public static GaussianMixtureParameters ToParameters(Mixture<GaussianComponent> mixture)
    {
        var d = mixture.Components[0].Dimensions;
        return new GaussianMixtureParameters(
            [.. mixture.Weights],
            [.. mixture.Components.Map(c => c.Mean.ToArray())],
            [.. mixture.Components.Map(c =>
            {
                var full = c.FullCovariance();
                return Enumerable.Range(0, d).Select(i => full.AsSpan(i * d, d).ToArray()).ToArray();
            })]);
    }

    /// <summary>
    /// User-supplied parameters as a core mixture of the given kind: shapes must match, weights must be
    /// positive and sum to 1, and each covariance must be symmetric positive definite and of the kind's
    /// form (diagonal for Diagonal, c·I for Spherical, the same matrix for every component for Tied).
    /// </summary>
    public static Mixture<GaussianComponent> ToMixture(GaussianMixtureParameters parameters, CovarianceKind kind, int dimensions)
    {
        const string name = "options.InitialParameters";
        var k = parameters.Components;
        if (k < 1) throw new ArgumentException("initial parameters have no components", name);
        if (parameters.Means.Length != k || parameters.Covariances.Length != k)
            throw new ArgumentException($"initial parameters have {k} weights, {parameters.Means.Length} means and {parameters.Covariances.Length} covariances; they must agree", name);
        var weightSum = 0.0;
        for (var c = 0; c < k; c++)
        {
            var w = parameters.Weights[c];
            if (!double.IsFinite(w) || w <= 0) throw new ArgumentException($"initial weight {c} is {w}; weights must be positive", name);
            weightSum += w;
        }
        if (Math.Abs(weightSum - 1) > 1e-8) throw new ArgumentException($"initial weights sum to {weightSum:R}; they must sum to 1", name);

        var components = new GaussianComponent[k];
        for (var c = 0; c < k; c++)
        {
            var mean = parameters.Means[c];
            if (mean.Length != dimensions) throw new ArgumentException($"initial mean {c} has {mean.Length} values but the data has {dimensions} columns", name);
            var rows = parameters.Covariances[c];
            if (rows.Length != dimensions || rows.Any(row => row.Length != dimensions))
                throw new ArgumentException($"initial covariance {c} must be {dimensions}×{dimensions}", name);
            var full = rows.SelectMany(row => row).ToArray();
            var stored = StoredForm(full, dimensions, kind, c, name);
            if (kind == CovarianceKind.Tied && c > 0 && !parameters.Covariances[0].SelectMany(row => row).SequenceEqual(full))
                throw new ArgumentException($"initial covariance {c} differs from covariance 0; tied components share one covariance", name);
            components[c] = GaussianComponent.Create(kind, mean.AsSpan(), stored).Match(
                Right: component => component,
                Left: error => throw new ArgumentException($"initial component {c}: {error.Message}", name));
        }
        return new Mixture<GaussianComponent>(parameters.Weights.ToArr(), components.ToArr());
    }

    private static double[] StoredForm(double[] full, int d, CovarianceKind kind, int component, string name)
    {
        bool OffDiagonalZero()
        {
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                    if (i != j && full[i * d + j] != 0) return false;
            return true;
        }
        switch (kind)
        {
            case CovarianceKind.Diagonal:
                if (!OffDiagonalZero()) throw new ArgumentException($"initial covariance {component} is not diagonal, as the Diagonal covariance type needs", name);
                return Enumerable.Range(0, d).Select(i => full[i * d + i]).ToArray();
            case CovarianceKind.Spherical:
                if (!OffDiagonalZero() || Enumerable.Range(0, d).Any(i => full[i * d + i] != full[0]))
                    throw new ArgumentException($"initial covariance {component} is not a multiple of the identity, as the Spherical covariance type needs", name);
                return [full[0]];
            default:
                return full;
        }
    }

    /// <summary>A restart as plain values: its outcome, stop reason and trace.</summary>
    public static RestartSummary ToSummary<TComponent>(RestartResult<TComponent> restart)
    {
        var trace = restart.Trace.Map(point => new TraceEntry(
            point.Iteration, point.MeanLogLikelihood, FiniteOrNull(point.Change), ToNullable(point.ResponsibilityChange)));
        var events = ToEvents(restart.Trace);
        return restart.Outcome.Match(
            Right: outcome => new RestartSummary(restart.Index, restart.Seed, outcome.LogLikelihood, restart.Iterations,
                ToStopReason(outcome.State.StopReason.IfNone(CoreStopReason.MaximumIterations)), null, [.. trace]) { Events = events },
            Left: error => new RestartSummary(restart.Index, restart.Seed, null, restart.Iterations, null, error.Message, [.. trace]) { Events = events });
    }

    /// <summary>The exception a core error stands for.</summary>
    public static Exception ToException(Error error) => ErrorCodes.KindOf(error.Code) switch
    {
        ErrorCodes.InvalidInput => new ArgumentException(error.Message),
        ErrorCodes.IllDefinedCovariance => new EmFitException(FitFailure.IllDefinedCovariance, error.Message),
        ErrorCodes.EmptyComponent => new EmFitException(FitFailure.EmptyComponent, error.Message),
        _ => new EmFitException(FitFailure.NonFiniteLikelihood, error.Message, (error as RowError)?.Row),
    };

    public static T OrThrow<T>(this Either<Error, T> result) => result.Match(Right: value => value, Left: error => throw ToException(error));

    /// <summary>The value, or an <see cref="ArgumentException"/> naming <paramref name="parameter"/> with the error's message.</summary>
    public static T OrThrowArgument<T>(this Either<Error, T> result, string parameter) =>
        result.Match(Right: value => value, Left: error => throw new ArgumentException(error.Message, parameter));
}
