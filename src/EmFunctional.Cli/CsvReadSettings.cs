namespace EmFunctional.Cli;

/// <summary>
/// How a command reads its CSV input, from the options of <see cref="CsvInputOptions"/>: the field
/// separator, whether the first row names the columns, and which columns to keep in which order. Lines
/// starting with <c>#</c> are comments whatever the settings (see <see cref="CsvDataLoader"/>).
/// </summary>
/// <param name="Delimiter">The one ASCII character between fields (',' unless <c>--delimiter</c> says otherwise).</param>
/// <param name="HasHeader">False for <c>--no-header</c>: every row is data, and the columns are named column1, column2, ….</param>
/// <param name="Columns">
/// The <c>--columns</c> list as written, in the order wanted: header names, or 1-based column numbers
/// ("1", "3") when there is no header; null for every column in file order.
/// </param>
internal sealed record CsvReadSettings(char Delimiter = ',', bool HasHeader = true, IReadOnlyList<string>? Columns = null)
{
    /// <summary>A comma-separated file with a header row, every column kept: the common case, which has the fast reader.</summary>
    public static CsvReadSettings Default { get; } = new();

    /// <summary>
    /// Where FILE <c>-</c> reads from: the process's standard input, or whatever a caller of
    /// <see cref="CliApp"/> handed over instead (see <see cref="EmInvocationConfiguration"/>). Opened once,
    /// read once, and left open.
    /// </summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>True when nothing differs from <see cref="Default"/> but, possibly, the standard input.</summary>
    public bool IsDefault => Delimiter == ',' && HasHeader && Columns is null;

    /// <summary>The name of column <paramref name="index"/> (0-based) of a file without a header row.</summary>
    public static string GeneratedColumnName(int index) => $"column{index + 1}";

    // Columns is a list: compare it by its items, not by reference, so equal settings are equal records.
    public bool Equals(CsvReadSettings? other) =>
        other is not null && Delimiter == other.Delimiter && HasHeader == other.HasHeader
        && (Columns is null ? other.Columns is null : other.Columns is not null && Columns.SequenceEqual(other.Columns));

    public override int GetHashCode() => HashCode.Combine(Delimiter, HasHeader, Columns?.Count);
}
