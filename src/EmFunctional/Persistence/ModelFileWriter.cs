using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmFunctional;

/// <summary>
/// Writes a fitted model as the JSON document <see cref="ModelFileReader"/> reads (docs/cli.md has the
/// schema): the model as a <see cref="ModelFileDocument"/>, serialized through its source-generated
/// contract (<see cref="ModelFileJson"/>). Numbers are written by <see cref="Utf8JsonWriter"/>, in
/// the shortest form that parses back to the same double, so a saved model's parameters are exactly the
/// fitted ones.
/// </summary>
internal static class ModelFileWriter
{
    /// <summary>The informational version of this library, e.g. "0.1.0+4f2c…".</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelFileWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelFileWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Column names such as "température" stay readable; the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static void Write(Stream stream, MixtureModel model, IReadOnlyList<string>? columnNames)
    {
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            switch (model)
            {
                case GaussianMixtureModel gaussian:
                    JsonSerializer.Serialize(writer, Gaussian(gaussian, columnNames), ModelFileJson.Contract<GaussianModelDocument>());
                    break;
                case FamilyMixtureModel family:
                    JsonSerializer.Serialize(writer, Family(family, columnNames), ModelFileJson.Contract<FamilyModelDocument>());
                    break;
                default:
                    throw new ArgumentException($"a {model.GetType().Name} cannot be saved; only the library's own models can", nameof(model));
            }
        }
        stream.WriteByte((byte)'\n');
    }

    private static GaussianModelDocument Gaussian(GaussianMixtureModel model, IReadOnlyList<string>? columnNames) => Common(
        new GaussianModelDocument
        {
            Covariance = ModelFileSpellings.Word(model.Covariance),
            Means = Matrix(model.Means),
            Covariances = model.IsDiagonal ? null : [.. model.Parameters.Covariances.Select(Matrix)],
            Variances = model.IsDiagonal ? Matrix(model.Variances) : null,
            Options = Options(model.Options),
            Fit = Fit(model),
            Noise = model.Noise is { } noise ? Noise(noise) : null,
        },
        ModelFileReader.GaussianModelType, model, columnNames);

    private static FamilyModelDocument Family(FamilyMixtureModel model, IReadOnlyList<string>? columnNames) => Common(
        new FamilyModelDocument
        {
            Covariance = model.Covariance is { } covariance ? ModelFileSpellings.Word(covariance) : null,
            ColumnFamilies = [.. model.ColumnFamilies.Select(f => ModelFileSpellings.Word(f))],
            Groups = Groups(model),
            Options = Options(model.Options),
            Fit = Fit(model),
            Noise = model.Noise is { } noise ? Noise(noise) : null,
        },
        ModelFileReader.FamilyModelType, model, columnNames);

    private static NoiseDocument Noise(NoiseComponent noise)
    {
        var density = noise.Density;
        var d = density.Dimensions;
        return new NoiseDocument
        {
            Weight = noise.Weight,
            LogHypervolume = density.LogVolume,
            Center = [.. density.Center],
            Axes = [.. Enumerable.Range(0, d).Select(a => density.Axes.AsSpan(a * d, d).ToArray())],
            Lower = [.. density.Lower],
            Upper = [.. density.Upper],
        };
    }

    /// <summary><paramref name="document"/> with the fields every model file starts with.</summary>
    private static TDocument Common<TDocument>(TDocument document, string modelType, MixtureModel model, IReadOnlyList<string>? columnNames)
        where TDocument : ModelFileDocument =>
        (TDocument)((ModelFileDocument)document with
        {
            Schema = FittedModel.SchemaName,
            SchemaVersion = FittedModel.SchemaVersion,
            LibraryVersion = LibraryVersion,
            ModelType = modelType,
            Components = model.Components,
            Dimensions = model.Dimensions,
            Columns = columnNames?.ToArray(),
            Weights = [.. model.Weights],
        });

    /// <summary>
    /// One entry per column group, each with the group's family, columns and, per component, its
    /// parameters: the component-major <see cref="FamilyMixtureModel.Groups"/> turned group-major, which
    /// states each group's family and columns once.
    /// </summary>
    private static GroupDocument[] Groups(FamilyMixtureModel model) =>
        [.. Enumerable.Range(0, model.Groups[0].Length).Select(g =>
        {
            ColumnGroupParameters[] parts = [.. model.Groups.Select((ImmutableArray<ColumnGroupParameters> component) => component[g])];
            return ColumnFamilyRegistry.Of(parts[0].Family).Save([.. parts[0].Columns], parts);
        })];

    private static GaussianOptionsDocument Options(GaussianMixtureOptions options) => EmOptions(
        new GaussianOptionsDocument
        {
            Covariance = ModelFileSpellings.Word(options.Covariance),
            InitialParameters = options.InitialParameters is { } initial
                ? new InitialParametersDocument([.. initial.Weights], Matrix(initial.Means), [.. initial.Covariances.Select(Matrix)])
                : null,
        },
        options.Initialization, options.Restarts, options.Seed, options.Tolerance, options.ResponsibilityTolerance, options.MaxIterations,
        options.Regularization, options.MaxDegreeOfParallelism, options.DegenerateComponents, options.TimeBudget);

    private static FamilyOptionsDocument Options(FamilyMixtureOptions options) => EmOptions(
        new FamilyOptionsDocument
        {
            Family = ModelFileSpellings.Word(options.Family),
            ColumnFamilies = options.ColumnFamilies is { } columnFamilies ? [.. columnFamilies.Select(f => ModelFileSpellings.Word(f))] : null,
            Covariance = ModelFileSpellings.Word(options.Covariance),
            UsePriors = options.UsePriors,
            WeightConcentration = options.WeightConcentration,
        },
        options.Initialization, options.Restarts, options.Seed, options.Tolerance, options.ResponsibilityTolerance, options.MaxIterations,
        options.Regularization, options.MaxDegreeOfParallelism, options.DegenerateComponents, options.TimeBudget);

    /// <summary><paramref name="document"/> with the EM settings both option types share (the time budget in seconds).</summary>
    private static TDocument EmOptions<TDocument>(TDocument document, InitializationMethod initialization, int restarts, long seed, double tolerance,
        double? responsibilityTolerance, int maxIterations, double regularization, int maxDegreeOfParallelism, DegenerateComponentPolicy degenerate, TimeSpan? budget)
        where TDocument : EmOptionsDocument =>
        (TDocument)((EmOptionsDocument)document with
        {
            Initialization = ModelFileSpellings.Word(initialization),
            Restarts = restarts,
            Seed = seed,
            Tolerance = tolerance,
            ResponsibilityTolerance = responsibilityTolerance,
            MaxIterations = maxIterations,
            Regularization = regularization,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
            DegenerateComponents = ModelFileSpellings.Word(degenerate),
            TimeBudgetSeconds = budget?.TotalSeconds,
        });

    private static FitDocument Fit(MixtureModel model) => new(
        model.LogLikelihood,
        model.LogPrior,
        model.SampleSize,
        model.FreeParameters,
        model.Iterations,
        ModelFileSpellings.Word(model.StopReason),
        model.BestRestart,
        MissingCellsByColumn: model.MissingCells > 0 ? [.. model.MissingCellsByColumn] : null,
        ComponentLabels: model.ComponentLabels.Any(label => label is not null) ? [.. model.ComponentLabels] : null,
        Restarts: [.. model.Restarts.Select(restart => new RestartDocument(
            restart.Index,
            restart.Seed,
            restart.LogLikelihood,
            restart.Iterations,
            restart.StopReason is { } reason ? ModelFileSpellings.Word(reason) : null,
            restart.Error,
            [.. restart.Trace.Select(entry => new TraceEntryDocument(entry.Number, entry.MeanLogLikelihood, entry.Change, entry.ResponsibilityChange))],
            [.. restart.Events.Select(e => new ComponentEventDocument(
                e.Iteration,
                e.Component,
                ModelFileSpellings.Word(e.Cause),
                ModelFileSpellings.Word(e.Action),
                e.EffectiveCount,
                e.Regularization,
                e.Row,
                e.Message))]))]);

    private static double[][] Matrix(ImmutableArray<ImmutableArray<double>> rows) => [.. rows.Select(row => row.ToArray())];
}
