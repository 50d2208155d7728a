using System.Globalization;
using EmFunctional.Core;

namespace EmFunctional.Tests;

/// <summary>
/// Locates the shared reference material (<c>shared/data</c>, <c>shared/reference</c>) and reads its CSV
/// files. The shared directory lives beside the repository (<c>../shared</c> from the repository root,
/// as on a fresh CI clone), so it is found by walking up from the test assembly's directory until a
/// directory <c>D</c> with <c>D/shared/reference/README.md</c> appears; this works from
/// <c>bin/Debug/net10.0</c>, <c>bin/Release/...</c> or any other output path.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Shared = new(LocateShared);

    /// <summary>The absolute path of the shared directory (holding <c>data/</c> and <c>reference/</c>).</summary>
    public static string SharedDirectory => Shared.Value;

    /// <summary><c>shared/reference/&lt;file&gt;</c>.</summary>
    public static string ReferencePath(string file) => Path.Combine(SharedDirectory, "reference", file);

    /// <summary><c>shared/data/&lt;file&gt;</c>.</summary>
    public static string DataPath(string file) => Path.Combine(SharedDirectory, "data", file);

    /// <summary>
    /// The numeric data set <c>shared/data/&lt;name&gt;.csv</c> (header skipped) as a <see cref="Dataset"/>:
    /// "faithful" (272×2) or "iris" (150×4).
    /// </summary>
    public static Dataset LoadDataset(string name)
    {
        var table = ReadCsv(DataPath(name + ".csv"));
        return Dataset.Create(table.Values, table.Rows, table.Columns.Count)
            .Match(Succ: data => data, Fail: errors => throw new InvalidDataException($"{name}.csv: {string.Join("; ", errors)}"));
    }

    /// <summary>A numeric CSV with a header line: column names and the values row-major.</summary>
    public sealed record CsvTable(IReadOnlyList<string> Columns, double[] Values, int Rows);

    /// <summary>
    /// Reads a comma-separated file whose first line is a header and whose other lines are numbers
    /// (invariant culture; quoted header names are unquoted; blank lines are skipped).
    /// </summary>
    public static CsvTable ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidDataException($"{path} is empty; a header line is expected");
        var header = lines[0].Split(',').Select(name => name.Trim().Trim('"')).ToArray();
        var values = new double[(lines.Length - 1) * header.Length];
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}, line {i + 1}: {fields.Length} fields, but the header has {header.Length}");
            for (var j = 0; j < fields.Length; j++)
            {
                if (!double.TryParse(fields[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new InvalidDataException($"{path}, line {i + 1}, column {header[j]}: '{fields[j]}' is not a number");
                values[(i - 1) * header.Length + j] = value;
            }
        }
        return new CsvTable(header, values, lines.Length - 1);
    }

    private static string LocateShared()
    {
        var start = AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "reference", "README.md"))) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"no directory 'shared/reference/README.md' found in {start} or any of its parents; " +
            "the reference material is expected beside the repository root (../shared)");
    }
}
