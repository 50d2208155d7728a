using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Reliability;

/// <summary>What a hostile case must end in.</summary>
public enum AttackOutcome
{
    /// <summary>Exit code 0.</summary>
    Success,

    /// <summary>Exit code 2 with the one-line error contract.</summary>
    Refused,

    /// <summary>Either of the above (never 1): the product may accept or refuse, but by the rules.</summary>
    SuccessOrRefused,
}

/// <summary>
/// One hostile run of <c>em</c>: the files it finds in its own fresh directory (<see cref="Setup"/>), its
/// arguments (<c>{d}</c> stands for that directory), the outcome it must have and what its output must or
/// must not say. <see cref="Outputs"/> names the files a successful run may create or change; every other
/// file must stay byte for byte as it was, and a refused run may change or create nothing at all.
/// </summary>
public sealed record AttackCase(string Name, AttackOutcome Outcome, string[] Args)
{
    public Action<AttackDirectory> Setup { get; init; } = _ => { };

    /// <summary>Words the error line must contain (for a refused run) — e.g. the option or the JSON path.</summary>
    public string[] MessageContains { get; init; } = [];

    /// <summary>Words that no output (stdout or stderr) may contain.</summary>
    public string[] NeverSays { get; init; } = [];

    /// <summary>Words stdout must contain on success.</summary>
    public string[] StdoutContains { get; init; } = [];

    /// <summary>Names (relative to the case directory) that a successful run may create or change.</summary>
    public string[] Outputs { get; init; } = [];

    /// <summary>When set, the case runs as a real process with this text on its standard input.</summary>
    public string? Stdin { get; init; }

    /// <summary>A trace streams its lines before it fails, so stdout need not be empty on exit 2.</summary>
    public bool StreamsBeforeFailing { get; init; }

    public override string ToString() => Name;
}

/// <summary>The fresh directory a case runs in, with helpers that write its input files.</summary>
public sealed class AttackDirectory(string path)
{
    public string Path { get; } = path;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var file = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>The standard two-cluster table (60 rows, columns a and b) as data.csv.</summary>
    public string Data(string name = "data.csv") => Write(name, AttackFiles.DataCsv);

    /// <summary>A model fitted on the standard table (K = 2, full covariance) as model.json.</summary>
    public string Model(string name = "model.json") => WriteBytes(name, AttackFiles.ModelJson);
}

/// <summary>The files cases start from, generated once in code.</summary>
public static class AttackFiles
{
    /// <summary>Two well-separated clusters, 60 rows, columns a and b, no values near any limit.</summary>
    public static string DataCsv { get; } = Table(["a", "b"], 60, (i, j) => (i % 2) * 6 - j * (i % 2) * 4 + 0.37 * ((i * 7 + j * 3) % 11 - 5) + 0.01 * i);

    private static readonly Lazy<byte[]> LazyModel = new(() => FitOnce(DataCsv, "-k", "2"));
    private static readonly Lazy<byte[]> LazyPoissonModel = new(() => FitOnce(Table(["n", "m"], 60, (i, j) => (i % 2) * 8 + (i * 5 + j) % 4), "-k", "2", "--family", "poisson"));
    private static readonly Lazy<byte[]> LazyMixedModel = new(() => FitOnce(Table(["x", "yes", "code"], 60, (i, j) => j switch
    {
        0 => (i % 2) * 6 + 0.3 * ((i * 7) % 11 - 5),
        1 => (i * 3 + i / 7) % 2,
        _ => (i * 5) % 3,
    }), "-k", "2", "--family", "auto"));

    /// <summary>The standard model file, as <c>em fit data.csv -k 2 --output</c> writes it.</summary>
    public static byte[] ModelJson => LazyModel.Value;

    /// <summary>A Poisson model of two count columns n and m.</summary>
    public static byte[] PoissonModelJson => LazyPoissonModel.Value;

    /// <summary>A model of a Gaussian column x, a Bernoulli column yes and a Poisson column code (auto).</summary>
    public static byte[] MixedModelJson => LazyMixedModel.Value;

    public static string ModelText => Encoding.UTF8.GetString(ModelJson);

    public static string Table(string[] header, int rows, Func<int, int, double> value)
    {
        var text = new StringBuilder(string.Join(",", header)).Append('\n');
        for (var i = 0; i < rows; i++)
            text.Append(string.Join(",", Enumerable.Range(0, header.Length).Select(j => value(i, j).ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        return text.ToString();
    }

    private static byte[] FitOnce(string csv, params string[] options)
    {
        using var files = new TempCsvFiles();
        var data = files.Write("fit.csv", csv);
        var model = files.Missing("fit.json");
        var run = CliRun.Of(["fit", data, "--output", model, .. options]);
        if (run.ExitCode != 0) throw new InvalidOperationException($"fitting a fixture model failed: {run.Stderr}");
        return File.ReadAllBytes(model);
    }

    /// <summary>
    /// Every file under <paramref name="directory"/> (hidden ones included) with the hash of its bytes (through a
    /// link to a file), and every directory; a link to a directory is recorded, not followed.
    /// </summary>
    public static SortedDictionary<string, string> Snapshot(string directory)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(directory, directory, result);
        return result;
    }

    private static void Walk(string root, string directory, SortedDictionary<string, string> result)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            var relative = System.IO.Path.GetRelativePath(root, entry);
            var info = new FileInfo(entry);
            var link = info.LinkTarget is { } target ? $"link to {target}: " : "";
            if (Directory.Exists(entry))
            {
                result[relative] = link + "directory";
                if (link.Length == 0) Walk(root, entry, result);
                continue;
            }
            try
            {
                using var stream = File.OpenRead(entry);
                result[relative] = link + Convert.ToHexString(SHA256.HashData(stream));
            }
            catch (FileNotFoundException)
            {
                result[relative] = link + "dangling";
            }
            catch (UnauthorizedAccessException)
            {
                result[relative] = link + "unreadable";
            }
            catch (IOException)
            {
                // A loop of links, say.
                result[relative] = link + "unopenable";
            }
        }
    }
}
