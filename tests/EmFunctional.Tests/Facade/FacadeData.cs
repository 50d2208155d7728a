using System.Globalization;

namespace EmFunctional.Tests.Facade;

/// <summary>
/// Data for the facade tests: the shared CSV files as plain arrays (what a facade user has), and small
/// helpers to reshape them (the files of <c>tests/data</c>, see <see cref="TestData"/>).
/// </summary>
internal static class FacadeData
{
    private static readonly Lazy<double[][]> FaithfulRows = new(() => ReadCsv("faithful.csv"));
    private static readonly Lazy<double[][]> IrisRows = new(() => ReadCsv("iris.csv"));

    /// <summary>Old Faithful, 272 rows × (eruptions, waiting); a fresh copy each time, so tests cannot interfere.</summary>
    public static double[][] Faithful => Copy(FaithfulRows.Value);

    /// <summary>Iris, 150 rows × 4 numeric columns; a fresh copy each time.</summary>
    public static double[][] Iris => Copy(IrisRows.Value);

    /// <summary>The same rows as a rectangular array.</summary>
    public static double[,] ToMatrix(double[][] rows)
    {
        var matrix = new double[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows[0].Length; j++)
                matrix[i, j] = rows[i][j];
        return matrix;
    }

    public static double[][] Copy(double[][] rows) => [.. rows.Select(row => row.ToArray())];

    private static double[][] ReadCsv(string file)
    {
        var lines = File.ReadAllLines(TestData.DataPath(file)).Skip(1).Where(line => line.Trim().Length > 0);
        return [.. lines.Select(line => line.Split(',').Select(field => double.Parse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray())];
    }
}
