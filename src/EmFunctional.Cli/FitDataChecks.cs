using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// The values each column family can model, checked before fitting so that a bad cell is reported as
/// the loader reports one: file, line and column name. The facade checks the same rules, but it can only
/// name a row and column index.
/// </summary>
internal static class FitDataChecks
{
    /// <summary>
    /// The largest code a categorical column may hold: the facade accepts up to 2^20 categories per
    /// column (its core's <c>CategoricalFamily.MaximumCategories</c>, which the facade does not expose).
    /// </summary>
    public const int LargestCategoryCode = ColumnChecks.LargestCategoryCode;

    /// <summary>The family of each column that <paramref name="family"/> means for <paramref name="data"/>, as the facade decides it.</summary>
    public static IReadOnlyList<ColumnFamily> ColumnFamilies(CsvData data, FamilyChoice family) =>
        FamilyMixture.ColumnFamiliesOf(data.Values, new FamilyMixtureOptions { Family = family });

    /// <summary>
    /// Throws a <see cref="UserInputException"/> for the first cell, in file order, that its column's
    /// family cannot model: a fraction or negative value in a Poisson or categorical column, anything but
    /// 0 and 1 in a Bernoulli column. Gaussian columns take any finite number (the loader has checked that).
    /// </summary>
    public static void RequireModelable(CsvData data, IReadOnlyList<ColumnFamily> families)
    {
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var column = 0; column < families.Count; column++)
            {
                if (Problem(values[column], families[column]) is { } problem)
                    throw new UserInputException($"{Location(data, row, column)}: {problem}");
            }
        }
    }

    /// <summary>Why <paramref name="value"/> does not fit <paramref name="family"/>, or null when it does.</summary>
    public static string? Problem(double value, ColumnFamily family) => family switch
    {
        ColumnFamily.Gaussian when ColumnChecks.GaussianProblem(value) is { } problem => $"{Show(value)} is too large; {problem}",
        ColumnFamily.Bernoulli when value is not (0 or 1) =>
            $"{Show(value)} is not 0 or 1; a Bernoulli column holds only 0 and 1",
        ColumnFamily.Poisson when value != Math.Floor(value) || value < 0 =>
            $"{Show(value)} is not a count; a Poisson column holds non-negative integers",
        ColumnFamily.Poisson when value > int.MaxValue =>
            $"{Show(value)} is too large a count; a Poisson column holds counts up to {int.MaxValue}",
        ColumnFamily.Categorical when value != Math.Floor(value) || value < 0 =>
            $"{Show(value)} is not a category code; a categorical column holds integer codes 0, 1, 2, ...",
        ColumnFamily.Categorical when value > LargestCategoryCode =>
            $"{Show(value)} is too large a category code; a categorical column holds codes 0 to {LargestCategoryCode}",
        _ => null,
    };

    /// <summary>
    /// The facade's refusal of the data, worded as every other data error is: a bad value
    /// (<see cref="DataValueException"/>, which gives its row and column as numbers) by file, line and column
    /// name; anything else by the file alone.
    /// </summary>
    public static UserInputException Reworded(ArgumentException exception, CsvData data) =>
        exception is DataValueException value && value.Row < data.RowCount && value.Column < data.Columns.Count
            ? new UserInputException($"{Location(data, value.Row, value.Column)}: {value.Problem}")
            : new UserInputException($"{data.SourceName}: {UserInputException.MessageOf(exception)}");

    /// <summary>The row of a fit failure that concerns one (<see cref="EmFitException.Row"/>) as "FILE, line L", else the file.</summary>
    public static string Place(EmFitException exception, CsvData data) =>
        exception.Row is { } row && row < data.RowCount ? $"{data.SourceName}, line {data.LineNumbers[row]}" : data.SourceName;

    private static string Location(CsvData data, int row, int column) =>
        $"{data.SourceName}, line {data.LineNumbers[row]}, {CsvData.DescribeColumn(data.Columns, column)}";

    /// <summary>The value as the user wrote it, near enough: shortest round-trip form, invariant culture.</summary>
    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
