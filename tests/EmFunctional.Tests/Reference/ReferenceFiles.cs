using System.Text.Json.Nodes;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional.Tests.Reference;

/// <summary>
/// Typed views of the JSON files in <c>tests/data/reference/</c> (see its README for how they were made).
/// Only the fields the tests read are mapped; covariances are always full D×D, flattened row-major.
/// </summary>
public static class ReferenceFiles
{
    /// <summary>The data sets with reference fits.</summary>
    public static readonly string[] DataSets = ["faithful", "iris"];

    /// <summary>The covariance kinds as the files name them.</summary>
    public static readonly string[] KindNames = ["full", "diag", "spherical", "tied"];

    /// <summary>Every (data set, covariance kind) pair, for theories over the reference files.</summary>
    public static TheoryData<string, string> DataSetAndKindCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var dataSet in DataSets)
            foreach (var kind in KindNames)
                cases.Add(dataSet, kind);
        return cases;
    }

    /// <summary>The file's name of a covariance kind ("full", "diag", "spherical", "tied").</summary>
    public static CovarianceKind Kind(string name) => name switch
    {
        "full" => CovarianceKind.Full,
        "diag" => CovarianceKind.Diagonal,
        "spherical" => CovarianceKind.Spherical,
        "tied" => CovarianceKind.Tied,
        _ => throw new ArgumentException($"unknown covariance kind '{name}' in a reference file", nameof(name)),
    };

    private static readonly Dictionary<string, JsonNode> Cache = [];

    private static JsonNode Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var node))
            {
                node = JsonNode.Parse(File.ReadAllText(TestData.ReferencePath(file)))
                    ?? throw new InvalidDataException($"{file} is empty");
                Cache[file] = node;
            }
            return node;
        }
    }

    /// <summary><c>steps-&lt;dataSet&gt;.json</c> for one covariance kind.</summary>
    public static StepsReference Steps(string dataSet, string kind)
    {
        var root = Load($"steps-{dataSet}.json");
        var node = Required(root["kinds"]?[kind], $"steps-{dataSet}.json: kinds.{kind}");
        var steps = Required(node["steps"], "steps").AsObject()
            .ToDictionary(pair => int.Parse(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair => StepOf(pair.Value!));
        return new StepsReference(
            dataSet,
            kind,
            Int(root["n"]),
            Int(root["d"]),
            Int(root["components"]),
            StartRows(Required(root["start"]?["means"], "start.means").GetValue<string>()),
            Vector(node["start_weights"]),
            Matrix(node["start_means"]),
            steps);
    }

    private static StepReference StepOf(JsonNode node) => new(
        Vector(node["weights"]),
        Matrix(node["means"]),
        Covariances(node["covariances"]),
        Double(node["lower_bound"]),
        Double(node["score"]),
        Int(node["n_iter"]));

    /// <summary>Parses "data rows [0, 50, 100] (0-based, header excluded)" into the row indices.</summary>
    private static int[] StartRows(string description)
    {
        var open = description.IndexOf('[');
        var close = description.IndexOf(']');
        if (open < 0 || close < open) throw new InvalidDataException($"cannot read the start rows from '{description}'");
        return description[(open + 1)..close]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(index => int.Parse(index, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>The fits of <c>&lt;dataSet&gt;.json</c> for one covariance kind and K.</summary>
    public static FitReference Fit(string dataSet, string kind, int components)
    {
        var root = Load($"{dataSet}.json");
        var node = Required(root["fits"]?[kind]?[components.ToString(System.Globalization.CultureInfo.InvariantCulture)], $"{dataSet}.json: fits.{kind}.{components}");
        var sklearn = Required(node["sklearn"], "sklearn");
        var mclust = Required(node["mclust"], "mclust");
        var mclustFailed = mclust["failed"]?.GetValue<bool>() ?? false;
        return new FitReference(
            dataSet,
            kind,
            components,
            Int(root["n"]),
            Int(root["d"]),
            Double(node["best_loglik"]),
            Required(node["best_loglik_source"], "best_loglik_source").GetValue<string>(),
            node["best_loglik_is_near_singular"]?.GetValue<bool>() ?? false,
            Int(node["n_params"]),
            Double(node["bic_sklearn_at_best"]),
            new SklearnFit(
                Double(sklearn["loglik"]),
                Double(sklearn["bic_sklearn"]),
                Int(sklearn["n_params"]),
                sklearn["near_singular"]?.GetValue<bool>() ?? false,
                Int(sklearn["n_iter"]),
                Vector(sklearn["weights"]),
                Matrix(sklearn["means"]),
                Covariances(sklearn["covariances"])),
            mclustFailed
                ? null
                : new MclustFit(
                    Double(mclust["loglik"]),
                    mclust["loglik_tol1e10"] is { } tight ? tight.GetValue<double>() : null,
                    Double(mclust["bic_sklearn"]),
                    Int(mclust["n_params"]),
                    mclust["near_singular"]?.GetValue<bool>() ?? false,
                    Vector(mclust["weights"]),
                    Matrix(mclust["means"]),
                    Covariances(mclust["covariances"])));
    }

    private static JsonNode Required(JsonNode? node, string what) =>
        node ?? throw new InvalidDataException($"reference file: '{what}' is missing");

    private static double Double(JsonNode? node) => Required(node, "number").GetValue<double>();

    private static int Int(JsonNode? node) => Required(node, "integer").GetValue<int>();

    private static double[] Vector(JsonNode? node) =>
        Required(node, "vector").AsArray().Select(value => value!.GetValue<double>()).ToArray();

    private static double[][] Matrix(JsonNode? node) =>
        Required(node, "matrix").AsArray().Select(Vector).ToArray();

    /// <summary>K full D×D matrices, each flattened row-major (the layout of <c>FullCovariance()</c>).</summary>
    private static double[][] Covariances(JsonNode? node) =>
        Required(node, "covariances").AsArray().Select(matrix => Matrix(matrix).SelectMany(row => row).ToArray()).ToArray();
}

/// <summary>A step-by-step trajectory of scikit-learn from a fixed start.</summary>
/// <param name="StartRows">The 0-based data rows used as starting means.</param>
/// <param name="Steps">k → the state after exactly k EM steps.</param>
public sealed record StepsReference(
    string DataSet,
    string Kind,
    int Rows,
    int Dimensions,
    int Components,
    int[] StartRows,
    double[] StartWeights,
    double[][] StartMeans,
    IReadOnlyDictionary<int, StepReference> Steps);

/// <summary>scikit-learn after k steps: returned parameters, <c>lower_bound_</c> and <c>score(X)</c>.</summary>
/// <param name="Covariances">K full D×D matrices, row-major.</param>
/// <param name="LowerBound">Mean log-likelihood of the parameters that entered the last E-step.</param>
/// <param name="Score">Mean log-likelihood of the returned parameters.</param>
public sealed record StepReference(
    double[] Weights,
    double[][] Means,
    double[][] Covariances,
    double LowerBound,
    double Score,
    int Iterations);

/// <summary>The reference fits for one data set, covariance kind and K.</summary>
/// <param name="BestLogLikelihood">Best total log-likelihood any reference run found, near-singular fits excluded.</param>
/// <param name="Mclust">Null when mclust failed for this case.</param>
public sealed record FitReference(
    string DataSet,
    string Kind,
    int Components,
    int Rows,
    int Dimensions,
    double BestLogLikelihood,
    string BestSource,
    bool BestIsNearSingular,
    int Parameters,
    double BicAtBest,
    SklearnFit Sklearn,
    MclustFit? Mclust);

/// <summary>scikit-learn 1.2.1, n_init=10, kmeans init, tol 1e-6 (components sorted by the mean's first coordinate); <paramref name="Iterations"/> of the winning start.</summary>
public sealed record SklearnFit(
    double LogLikelihood,
    double Bic,
    int Parameters,
    bool NearSingular,
    int Iterations,
    double[] Weights,
    double[][] Means,
    double[][] Covariances);

/// <summary>mclust 6.0.0 with its defaults (tol 1e-5); <paramref name="TightLogLikelihood"/> is the same fit run to tol 1e-10.</summary>
public sealed record MclustFit(
    double LogLikelihood,
    double? TightLogLikelihood,
    double Bic,
    int Parameters,
    bool NearSingular,
    double[] Weights,
    double[][] Means,
    double[][] Covariances);
