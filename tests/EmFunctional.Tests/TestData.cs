using System.Globalization;
using EmFunctional.Core;

namespace EmFunctional.Tests;

/// <summary>
/// The data and reference fits of <c>tests/data</c> (see its README), which the build copies beside the
/// test assembly: they are read from <c>data/</c> in the assembly's own directory and nowhere else.
/// </summary>
public static class TestData
{
    /// <summary>The test data folder beside the assembly.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary><c>tests/data/reference/&lt;file&gt;</c>.</summary>
    public static string ReferencePath(string file) => Existing(Path.Combine(Directory, "reference", file));

    /// <summary><c>tests/data/&lt;file&gt;</c>.</summary>
    public static string DataPath(string file) => Existing(Path.Combine(Directory, file));

    /// <summary>
    /// The numeric data set <c>tests/data/&lt;name&gt;.csv</c> (header skipped) as a <see cref="Dataset"/>:
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

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: the build copies tests/data beside the test assembly", path);
}
