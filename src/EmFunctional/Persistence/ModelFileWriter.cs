using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmFunctional;

/// <summary>
/// Writes a fitted model as the JSON document <see cref="ModelFileReader"/> reads (docs/cli.md has the
/// schema). Numbers are written by <see cref="Utf8JsonWriter"/>, in the shortest form that parses back to
/// the same double, so a saved model's parameters are exactly the fitted ones.
/// </summary>
internal static class ModelFileWriter
{
    /// <summary>The informational version of this library, e.g. "0.1.0+4f2c…".</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelFileWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelFileWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Column names such as "température" stay readable; the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static void Write(Stream stream, MixtureModel model, IReadOnlyList<string>? columnNames)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WriteString("schema", FittedModel.SchemaName);
        writer.WriteNumber("schemaVersion", FittedModel.SchemaVersion);
        writer.WriteString("libraryVersion", LibraryVersion);
        writer.WriteString("modelType", model is GaussianMixtureModel ? ModelFileReader.GaussianModelType : ModelFileReader.FamilyModelType);
        writer.WriteNumber("components", model.Components);
        writer.WriteNumber("dimensions", model.Dimensions);
        if (columnNames is null) writer.WriteNull("columns");
        else WriteStrings(writer, "columns", columnNames);
        WriteNumbers(writer, "weights", model.Weights);
        switch (model)
        {
            case GaussianMixtureModel gaussian:
                writer.WriteString("covariance", ModelFileSpellings.Word(gaussian.Covariance));
                WriteMatrix(writer, "means", gaussian.Parameters.Means);
                writer.WriteStartArray("covariances");
                foreach (var matrix in gaussian.Parameters.Covariances) WriteMatrix(writer, null, matrix);
                writer.WriteEndArray();
                WriteOptions(writer, gaussian.Options);
                break;
            case FamilyMixtureModel family:
                if (family.Covariance is { } covariance) writer.WriteString("covariance", ModelFileSpellings.Word(covariance));
                else writer.WriteNull("covariance");
                WriteStrings(writer, "columnFamilies", [.. family.ColumnFamilies.Select(f => ModelFileSpellings.Word(f))]);
                WriteGroups(writer, family);
                WriteOptions(writer, family.Options);
                break;
            default:
                throw new ArgumentException($"a {model.GetType().Name} cannot be saved; only the library's own models can", nameof(model));
        }
        WriteFit(writer, model);
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// One entry per column group, each with the group's family, columns and, per component, its
    /// parameters: the component-major <see cref="FamilyMixtureModel.Groups"/> turned group-major, which
    /// states each group's family and columns once.
    /// </summary>
    private static void WriteGroups(Utf8JsonWriter writer, FamilyMixtureModel model)
    {
        writer.WriteStartArray("groups");
        for (var g = 0; g < model.Groups[0].Length; g++)
        {
            var first = model.Groups[0][g];
            writer.WriteStartObject();
            writer.WriteString("family", ModelFileSpellings.Word(first.Family));
            writer.WriteStartArray("columns");
            foreach (var column in first.Columns) writer.WriteNumberValue(column);
            writer.WriteEndArray();
            writer.WriteStartArray("parameters");
            foreach (var component in model.Groups)
            {
                writer.WriteStartObject();
                switch (component[g])
                {
                    case GaussianGroupParameters gaussian:
                        WriteNumbers(writer, "mean", gaussian.Mean);
                        WriteMatrix(writer, "covariance", gaussian.Covariance);
                        break;
                    case BernoulliGroupParameters bernoulli:
                        WriteNumbers(writer, "probabilities", bernoulli.Probabilities);
                        break;
                    case PoissonGroupParameters poisson:
                        WriteNumbers(writer, "rates", poisson.Rates);
                        break;
                    case CategoricalGroupParameters categorical:
                        WriteMatrix(writer, "probabilities", categorical.Probabilities);
                        break;
                    default:
                        throw new InvalidOperationException($"no file form for {component[g].GetType().Name}");
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter writer, GaussianMixtureOptions options)
    {
        writer.WriteStartObject("options");
        writer.WriteString("covariance", ModelFileSpellings.Word(options.Covariance));
        WriteEmOptions(writer, options.Initialization, options.Restarts, options.Seed, options.Tolerance, options.ResponsibilityTolerance, options.MaxIterations, options.Regularization, options.MaxDegreeOfParallelism);
        WriteRobustness(writer, options.DegenerateComponents, options.TimeBudget);
        if (options.InitialParameters is { } initial)
        {
            writer.WriteStartObject("initialParameters");
            WriteNumbers(writer, "weights", initial.Weights);
            WriteMatrix(writer, "means", initial.Means);
            writer.WriteStartArray("covariances");
            foreach (var matrix in initial.Covariances) WriteMatrix(writer, null, matrix);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("initialParameters");
        }
        writer.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter writer, FamilyMixtureOptions options)
    {
        writer.WriteStartObject("options");
        writer.WriteString("family", ModelFileSpellings.Word(options.Family));
        if (options.ColumnFamilies is { } columnFamilies) WriteStrings(writer, "columnFamilies", [.. columnFamilies.Select(f => ModelFileSpellings.Word(f))]);
        else writer.WriteNull("columnFamilies");
        writer.WriteString("covariance", ModelFileSpellings.Word(options.Covariance));
        WriteEmOptions(writer, options.Initialization, options.Restarts, options.Seed, options.Tolerance, options.ResponsibilityTolerance, options.MaxIterations, options.Regularization, options.MaxDegreeOfParallelism);
        WriteRobustness(writer, options.DegenerateComponents, options.TimeBudget);
        writer.WriteBoolean("usePriors", options.UsePriors);
        WriteNullable(writer, "weightConcentration", options.WeightConcentration);
        writer.WriteEndObject();
    }

    private static void WriteEmOptions(Utf8JsonWriter writer, InitializationMethod initialization, int restarts, long seed, double tolerance,
        double? responsibilityTolerance, int maxIterations, double regularization, int maxDegreeOfParallelism)
    {
        writer.WriteString("initialization", ModelFileSpellings.Word(initialization));
        writer.WriteNumber("restarts", restarts);
        writer.WriteNumber("seed", seed);
        writer.WriteNumber("tolerance", tolerance);
        WriteNullable(writer, "responsibilityTolerance", responsibilityTolerance);
        writer.WriteNumber("maxIterations", maxIterations);
        writer.WriteNumber("regularization", regularization);
        writer.WriteNumber("maxDegreeOfParallelism", maxDegreeOfParallelism);
    }

    /// <summary>The degenerate-component policy and the time budget (in seconds, or null).</summary>
    private static void WriteRobustness(Utf8JsonWriter writer, DegenerateComponentPolicy policy, TimeSpan? budget)
    {
        writer.WriteString("degenerateComponents", ModelFileSpellings.Word(policy));
        WriteNullable(writer, "timeBudgetSeconds", budget?.TotalSeconds);
    }

    private static void WriteFit(Utf8JsonWriter writer, MixtureModel model)
    {
        writer.WriteStartObject("fit");
        writer.WriteNumber("logLikelihood", model.LogLikelihood);
        writer.WriteNumber("logPrior", model.LogPrior);
        writer.WriteNumber("sampleSize", model.SampleSize);
        writer.WriteNumber("freeParameters", model.FreeParameters);
        writer.WriteNumber("iterations", model.Iterations);
        writer.WriteString("stopReason", ModelFileSpellings.Word(model.StopReason));
        writer.WriteNumber("bestRestart", model.BestRestart);
        writer.WriteStartArray("restarts");
        foreach (var restart in model.Restarts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", restart.Index);
            writer.WriteNumber("seed", restart.Seed);
            WriteNullable(writer, "logLikelihood", restart.LogLikelihood);
            writer.WriteNumber("iterations", restart.Iterations);
            if (restart.StopReason is { } reason) writer.WriteString("stopReason", ModelFileSpellings.Word(reason));
            else writer.WriteNull("stopReason");
            if (restart.Error is { } error) writer.WriteString("error", error);
            else writer.WriteNull("error");
            writer.WriteStartArray("trace");
            foreach (var entry in restart.Trace)
            {
                writer.WriteStartObject();
                writer.WriteNumber("iteration", entry.Number);
                writer.WriteNumber("meanLogLikelihood", entry.MeanLogLikelihood);
                WriteNullable(writer, "change", entry.Change);
                WriteNullable(writer, "responsibilityChange", entry.ResponsibilityChange);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("events");
            foreach (var componentEvent in restart.Events)
            {
                writer.WriteStartObject();
                writer.WriteNumber("iteration", componentEvent.Iteration);
                writer.WriteNumber("component", componentEvent.Component);
                writer.WriteString("cause", ModelFileSpellings.Word(componentEvent.Cause));
                writer.WriteString("action", ModelFileSpellings.Word(componentEvent.Action));
                writer.WriteNumber("effectiveCount", componentEvent.EffectiveCount);
                WriteNullable(writer, "regularization", componentEvent.Regularization);
                if (componentEvent.Row is { } row) writer.WriteNumber("row", row);
                else writer.WriteNull("row");
                writer.WriteString("message", componentEvent.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string? name, ImmutableArray<double> values)
    {
        if (name is null) writer.WriteStartArray();
        else writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, string? name, ImmutableArray<ImmutableArray<double>> rows)
    {
        if (name is null) writer.WriteStartArray();
        else writer.WriteStartArray(name);
        foreach (var row in rows) WriteNumbers(writer, null, row);
        writer.WriteEndArray();
    }
}
