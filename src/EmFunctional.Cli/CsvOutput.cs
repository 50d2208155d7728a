using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// CSV as <c>em sample</c> writes it: comma-separated, "\n" line ends, a header row, fields quoted only
/// when they must be (RFC 4180: a comma, a quote or a line break inside), and numbers in the invariant
/// culture's shortest round-trip form, so that reading the file back gives the very same doubles.
/// <c>em predict</c> writes its added numbers the same way, and the input's fields as read (see
/// <see cref="CsvTextRows"/>).
/// </summary>
internal static class CsvOutput
{
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            writer.Write(Field(field));
            first = false;
        }
        writer.Write('\n');
    }

    /// <summary>The shortest text that parses back to <paramref name="value"/> (e.g. "3.6", "1e-07", "-0").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A field as em writes it: quoted (quotes doubled) only when it holds a comma, a quote or a line break.</summary>
    public static string Field(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;

    /// <summary>
    /// Throws when a column <paramref name="added"/> by the command has the name of a column of the
    /// output already: two columns of one name would make the output ambiguous to read back.
    /// </summary>
    public static void RequireNewNames(IReadOnlyList<string> existing, IEnumerable<string> added, string sourceName)
    {
        var positions = new ColumnPositions(existing);
        foreach (var name in added)
        {
            if (positions.Of(name) is [var clash, ..])
                throw new UserInputException(
                    $"{EchoText.Path(sourceName)}: {CsvData.DescribeColumn(existing, clash)} is named \"{name}\", like a column em adds to the output, which would then have two columns of that name; rename it");
        }
    }
}
