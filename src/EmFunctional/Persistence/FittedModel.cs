using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// A fitted model as saved in a file: the model, the names of the columns it was fitted on (when the
/// caller gave them) and the version of the library that saved it. <see cref="Save"/> writes a
/// versioned JSON document (schema <see cref="SchemaName"/>, version <see cref="SchemaVersion"/>; docs/cli.md
/// describes every field) holding the family of each column group, the covariance type, every
/// parameter, the options of the fit and how it went (every restart with its log-likelihood trace);
/// <see cref="Load"/> reads it back, checking every field. A loaded model computes exactly, bit for bit,
/// what the saved one did: the same labels, responsibilities, log-densities, scores and seeded samples.
/// <code>
/// var model = GaussianMixture.Fit(rows, components: 2);
/// FittedModel.Save(model, "model.json", ["eruptions", "waiting"]);
/// var loaded = FittedModel.Load("model.json");
/// int[] labels = loaded.Model.Predict(rows);              // the same labels as model.Predict(rows)
/// if (loaded.Model is GaussianMixtureModel gaussian) Console.WriteLine(gaussian.Covariance);
/// </code>
/// </summary>
public sealed class FittedModel
{
    /// <summary>The value of the file's "schema" field, which says what the file is.</summary>
    public const string SchemaName = "em-functional/model";

    /// <summary>The version of the file format this library writes and reads ("schemaVersion").</summary>
    public const int SchemaVersion = 1;

    internal FittedModel(MixtureModel model, ImmutableArray<string>? columnNames, string libraryVersion)
    {
        Model = model;
        ColumnNames = columnNames;
        LibraryVersion = libraryVersion;
    }

    /// <summary>
    /// The model: a <see cref="GaussianMixtureModel"/> or a <see cref="FamilyMixtureModel"/>, as it was
    /// saved, with its options (<see cref="GaussianMixtureModel.Options"/>, <see cref="FamilyMixtureModel.Options"/>).
    /// </summary>
    public MixtureModel Model { get; }

    /// <summary>The names of the model's columns, in the model's order; null when they were not saved.</summary>
    public ImmutableArray<string>? ColumnNames { get; }

    /// <summary>The informational version of the library that saved the file.</summary>
    public string LibraryVersion { get; }

    /// <summary>
    /// Saves <paramref name="model"/> to <paramref name="path"/> atomically: the document is written to a
    /// temporary file in the same directory, which then replaces <paramref name="path"/>. A failed write
    /// leaves no partial file behind and an existing file untouched.
    /// </summary>
    /// <param name="model">A model fitted by this library (or loaded by <see cref="Load"/>).</param>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <param name="columnNames">The names of the model's D columns, in order (e.g. a CSV header), or null.</param>
    /// <exception cref="ArgumentException">The column names are not D distinct strings, or the model is not one of this library's.</exception>
    /// <exception cref="IOException">The file could not be written (the message names it).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or an existing file is not writable.</exception>
    public static void Save(MixtureModel model, string path, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckColumnNames(model, columnNames);
        AtomicFile.Write(path, stream => ModelFileWriter.Write(stream, model, columnNames));
    }

    /// <summary>The document <see cref="Save"/> writes, as a string.</summary>
    /// <inheritdoc cref="Save" path="/param"/>
    /// <inheritdoc cref="Save" path="/exception[1]"/>
    public static string ToJson(MixtureModel model, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckColumnNames(model, columnNames);
        using var stream = new MemoryStream();
        ModelFileWriter.Write(stream, model, columnNames);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Loads a model that <see cref="Save"/> wrote.</summary>
    /// <param name="path">The model file.</param>
    /// <exception cref="ModelFileException">
    /// The file is not a model file of this schema version, or a field is missing, malformed or holds a
    /// value no fitted model has (weights not summing to 1, a covariance that is not symmetric positive
    /// definite, a probability outside [0, 1], shapes that disagree, …); the message names the file and
    /// the JSON path of the field.
    /// </exception>
    /// <exception cref="IOException">The file could not be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    /// <exception cref="UnauthorizedAccessException">The file is not readable.</exception>
    public static FittedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ModelFileReader.Read(File.ReadAllBytes(path), path);
    }

    /// <summary>A model from the document <see cref="ToJson"/> or <see cref="Save"/> wrote.</summary>
    /// <param name="json">The document.</param>
    /// <param name="sourceName">How messages name the document (as a file name would be).</param>
    /// <exception cref="ModelFileException">As for <see cref="Load"/>.</exception>
    public static FittedModel FromJson(string json, string sourceName = "model")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ModelFileReader.Read(System.Text.Encoding.UTF8.GetBytes(json), sourceName);
    }

    private static void CheckColumnNames(MixtureModel model, IReadOnlyList<string>? columnNames)
    {
        if (columnNames is null) return;
        if (columnNames.Count != model.Dimensions)
            throw new ArgumentException($"{columnNames.Count} column names were given but the model has {model.Dimensions} columns", nameof(columnNames));
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < columnNames.Count; j++)
        {
            if (columnNames[j] is null) throw new ArgumentException($"column name {j} is null", nameof(columnNames));
            if (!first.TryAdd(columnNames[j], j))
                throw new ArgumentException($"columns {first[columnNames[j]]} and {j} are both named \"{EchoText.Of(columnNames[j])}\"; a saved model matches columns by name, so each needs its own", nameof(columnNames));
        }
    }
}
