using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmFunctional.Tests.Snapshots;

/// <summary>
/// A small approved-file (snapshot) helper: the value under test, as JSON, is compared with
/// <c>&lt;name&gt;.verified.json</c> committed next to the test's source file. Numbers are compared with
/// a tolerance (floating-point results may move in the last digits across runtimes and CPUs);
/// everything else (keys, array lengths, strings, booleans) must match exactly. On a mismatch, or when
/// no verified file exists yet, the received JSON is written to <c>&lt;name&gt;.received.json</c>
/// (git-ignored) and the test fails, saying where the first differences are and how to accept the new
/// result: review the received file and copy it over the verified one.
/// </summary>
public static class ApprovedFile
{
    /// <summary>Default tolerance: numbers a and b match when |a − b| ≤ 1e-9·max(1, |a|, |b|).</summary>
    public const double DefaultTolerance = 1e-9;

    private const int MaximumReportedDifferences = 10;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Compares <paramref name="received"/> with <c>&lt;name&gt;.verified.json</c> in the directory of the
    /// calling source file (found through <see cref="CallerFilePathAttribute"/>, so the verified files live
    /// beside the tests in the repository, not in the build output).
    /// </summary>
    /// <param name="received">The value under test, as JSON.</param>
    /// <param name="name">The snapshot's name (usually the test's name, plus a suffix for theory cases).</param>
    /// <param name="tolerance">Relative (and, below magnitude 1, absolute) tolerance for numbers.</param>
    /// <param name="sourceFile">Filled in by the compiler: the path of the calling source file.</param>
    public static void Verify(JsonNode received, string name, double tolerance = DefaultTolerance, [CallerFilePath] string sourceFile = "")
    {
        var directory = Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            directory = Relocate(directory ?? "") ?? throw new InvalidOperationException(
                $"the test source directory '{directory}' (from [CallerFilePath]) does not exist here, nor its 'tests/...' part above {AppContext.BaseDirectory}; snapshot tests must run from a build of the repository's sources");
        VerifyIn(directory, received, name, tolerance);
    }

    /// <summary>
    /// When the build ran elsewhere (or mapped its source paths), finds the same <c>tests/...</c> directory
    /// above the test assembly instead.
    /// </summary>
    private static string? Relocate(string sourceDirectory)
    {
        var normalized = sourceDirectory.Replace('\\', '/');
        var index = normalized.LastIndexOf("/tests/", StringComparison.Ordinal);
        if (index < 0) return null;
        var relative = normalized[(index + 1)..];
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>As <see cref="Verify"/>, with the directory of the verified file given explicitly.</summary>
    public static void VerifyIn(string directory, JsonNode received, string name, double tolerance = DefaultTolerance)
    {
        var verifiedPath = Path.Combine(directory, name + ".verified.json");
        var receivedPath = Path.Combine(directory, name + ".received.json");
        var text = Serialize(received);
        // Compare what the file would hold (parsed back), so in-memory values and files are alike.
        var receivedParsed = JsonNode.Parse(text);

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, text);
            throw new Xunit.Sdk.XunitException(
                $"snapshot '{name}': no verified file {verifiedPath}. The result was written to {receivedPath}; " +
                $"if it is right, accept it: cp '{receivedPath}' '{verifiedPath}'");
        }

        var verified = JsonNode.Parse(File.ReadAllText(verifiedPath))
            ?? throw new InvalidDataException($"{verifiedPath} holds no JSON value");
        var differences = Differences(verified, receivedParsed, tolerance);
        if (differences.Count == 0)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath); // stale from an earlier failure
            return;
        }

        File.WriteAllText(receivedPath, text);
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"snapshot '{name}' differs from {verifiedPath} (tolerance {tolerance:E0}) at {differences.Count}{(differences.Count >= MaximumReportedDifferences ? "+" : "")} place(s):");
        foreach (var difference in differences) message.Append("\n  ").Append(difference);
        message.Append(CultureInfo.InvariantCulture,
            $"\nThe result was written to {receivedPath}. If the change is intended, accept it: cp '{receivedPath}' '{verifiedPath}'");
        throw new Xunit.Sdk.XunitException(message.ToString());
    }

    /// <summary>Indented JSON with "\n" line ends and a final newline (the repository's text conventions).</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    /// <summary>
    /// The first differences between <paramref name="expected"/> and <paramref name="actual"/> (at most ten),
    /// each as "path: what". Paths are written like <c>$.means[1][0]</c>.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, double tolerance = DefaultTolerance)
    {
        var differences = new List<string>();
        Walk(expected, actual, "$", tolerance, differences);
        return differences;
    }

    /// <summary>Whether two numbers agree: |a − b| ≤ tolerance·max(1, |a|, |b|).</summary>
    public static bool NumbersMatch(double expected, double actual, double tolerance) =>
        expected == actual || Math.Abs(expected - actual) <= tolerance * Math.Max(1.0, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, double tolerance, List<string> differences)
    {
        if (differences.Count >= MaximumReportedDifferences) return;
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (null, _) or (_, null):
                differences.Add($"{path}: verified {Show(expected)}, received {Show(actual)}");
                return;
            case (JsonObject expectedObject, JsonObject actualObject):
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(key)) differences.Add($"{path}.{key}: missing from the received value");
                    else Walk(value, actualObject[key], $"{path}.{key}", tolerance, differences);
                }
                foreach (var (key, _) in actualObject)
                    if (!expectedObject.ContainsKey(key)) differences.Add($"{path}.{key}: not in the verified file");
                return;
            case (JsonArray expectedArray, JsonArray actualArray):
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: verified has {expectedArray.Count} elements, received {actualArray.Count}");
                    return;
                }
                for (var i = 0; i < expectedArray.Count; i++) Walk(expectedArray[i], actualArray[i], $"{path}[{i}]", tolerance, differences);
                return;
            case (JsonValue expectedValue, JsonValue actualValue):
                if (expectedValue.GetValueKind() == JsonValueKind.Number && actualValue.GetValueKind() == JsonValueKind.Number)
                {
                    var a = expectedValue.GetValue<double>();
                    var b = actualValue.GetValue<double>();
                    if (!NumbersMatch(a, b, tolerance))
                        differences.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{path}: verified {a:R}, received {b:R} (difference {b - a:E3}, beyond {tolerance:E0}·max(1, |value|))"));
                }
                else if (!JsonNode.DeepEquals(expectedValue, actualValue))
                {
                    differences.Add($"{path}: verified {Show(expected)}, received {Show(actual)}");
                }
                return;
            default:
                differences.Add($"{path}: verified {Show(expected)}, received {Show(actual)} (different JSON kinds)");
                return;
        }
    }

    private static string Show(JsonNode? node)
    {
        if (node is null) return "null";
        var text = node.ToJsonString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
