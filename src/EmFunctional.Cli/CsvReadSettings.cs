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
    /// <summary>
    /// The cells that mean "missing" unless <c>--missing-values</c> says otherwise: an empty field, NA, and
    /// nan in any capitalization (NaN as R and pandas write it, nan as NumPy does).
    /// </summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } =   // before Default, which reads it
        ["", "NA", .. Enumerable.Range(0, 8).Select(bits => new string([(bits & 1) == 0 ? 'n' : 'N', (bits & 2) == 0 ? 'a' : 'A', (bits & 4) == 0 ? 'n' : 'N']))];

    /// <summary>A comma-separated file with a header row, every column kept: the common case, which has the fast reader.</summary>
    public static CsvReadSettings Default { get; } = new();

    /// <summary>
    /// Where FILE <c>-</c> reads from: the process's standard input, or whatever a caller of
    /// <see cref="CliApp"/> handed over instead (see <see cref="EmInvocationConfiguration"/>). Opened once,
    /// read once, and left open.
    /// </summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>
    /// The cell texts (after trimming) read as a missing cell, NaN in the matrix; empty for
    /// <c>--missing error</c>, when every cell must be a number.
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>True when a token is itself a number (a sentinel such as -999): every cell is then compared with the tokens before it is parsed.</summary>
    public bool HasNumericMissingToken => MissingTokens.Any(token =>
        double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value));

    /// <summary>True when <paramref name="cell"/> (trimmed, unquoted) is one of <see cref="MissingTokens"/>.</summary>
    public bool IsMissing(string cell)
    {
        foreach (var token in MissingTokens)
            if (string.Equals(token, cell, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// True when the fast reader may read the file: nothing differs from <see cref="Default"/> but, possibly,
    /// the standard input and non-numeric missing tokens (the fast reader gives up at the first cell that is
    /// not a number, so a missing cell sends the file to the reader that knows the tokens).
    /// </summary>
    public bool IsDefault => Delimiter == ',' && HasHeader && Columns is null && !HasNumericMissingToken && LabelColumn is null;

    /// <summary>
    /// <c>--known-labels</c>: the column (header name, or number from 1 with <c>--no-header</c>) that holds
    /// each row's known class, or nothing (a missing token) where it is unknown. It is read as text and is
    /// not a data column; null when there is none.
    /// </summary>
    public string? LabelColumn { get; init; }

    /// <summary>
    /// <c>--skip-empty-rows</c> (commands that fit): a row whose every cell is missing is left out, and
    /// counted, instead of refused.
    /// </summary>
    public bool SkipEmptyRows { get; init; }

    /// <summary>The name of column <paramref name="index"/> (0-based) of a file without a header row.</summary>
    public static string GeneratedColumnName(int index) => $"column{index + 1}";

    // Columns is a list: compare it by its items, not by reference, so equal settings are equal records.
    public bool Equals(CsvReadSettings? other) =>
        other is not null && Delimiter == other.Delimiter && HasHeader == other.HasHeader
        && MissingTokens.SequenceEqual(other.MissingTokens) && LabelColumn == other.LabelColumn && SkipEmptyRows == other.SkipEmptyRows
        && (Columns is null ? other.Columns is null : other.Columns is not null && Columns.SequenceEqual(other.Columns));

    public override int GetHashCode() => HashCode.Combine(Delimiter, HasHeader, Columns?.Count);
}
