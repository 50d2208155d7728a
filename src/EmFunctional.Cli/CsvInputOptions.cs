using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// The options of every command that reads a CSV file: <c>--delimiter</c>, <c>--no-header</c> and
/// <c>--columns</c>, with their help, parsing and checks, read into a <see cref="CsvReadSettings"/> for
/// <see cref="CsvDataLoader.Load(string?, CsvReadSettings)"/>. A command adds them all with
/// <c>Input.AddTo(command)</c> and reads them with <c>Input.Read(parseResult)</c>, so that they are
/// spelled, described and checked the same way everywhere.
/// </summary>
internal sealed class CsvInputOptions
{
    public Option<char> Delimiter { get; } = DelimiterOption();

    public Option<bool> NoHeader { get; } = Flag("--no-header", "The first row is data, not column names: every row is read, and the columns are called column1, column2, … in messages and reports (--columns then takes column numbers).");

    public Option<IReadOnlyList<string>?> Columns { get; } = ColumnsOption();

    /// <summary><c>--missing-values</c>: the cells that mean "missing".</summary>
    public Option<IReadOnlyList<string>?> MissingValues { get; } = new("--missing-values")
    {
        Description = "The cells that mean \"missing\", as a comma-separated list (a trailing comma adds the empty cell), replacing the default: an empty cell, NA, and nan in any capitalization. A number such as -999 may be one.",
        HelpName = "tokens",
        CustomParser = result => OptionParsers.SingleToken(result).Split(',').Select(token => token.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
    };

    /// <summary><c>--missing</c>: model missing cells, or refuse them.</summary>
    public ChoiceOption<MissingCellPolicy> Missing { get; } = new("--missing",
        "What a missing cell (see --missing-values) means: model (part of the latent data: EM uses each row's observed cells) or error (every cell must be a number).",
        CliSpellings.MissingCellPolicies, MissingCellPolicy.Model, helpName: "policy");

    /// <summary>
    /// <c>--skip-empty-rows</c>, for the commands that fit (fit, trace, select): predict and impute write
    /// every input row back, so they refuse such a row instead.
    /// </summary>
    public static Option<bool> SkipEmptyRows() => Flag("--skip-empty-rows", "Leave out the rows whose every cell is missing (they carry no information) and report how many, instead of refusing the first one.");

    /// <summary>All of the above, in the order help lists them.</summary>
    public IEnumerable<Option> All => [Delimiter, NoHeader, Columns, MissingValues, Missing.Option];

    /// <summary>
    /// Adds the options to <paramref name="command"/>, with the check that needs two of them: without a
    /// header, <c>--columns</c> must name columns by number.
    /// </summary>
    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            // Read from the tokens, not GetValue: that throws (exit 1) when the list's own parser rejected it
            // ("1,1"), an error reported already.
            if (!result.GetValue(NoHeader) || result.GetResult(Columns) is not { Tokens: [var token] }) return;
            if (SplitColumns(token.Value, out _) is not { } columns) return;
            if (columns.FirstOrDefault(column => !IsColumnNumber(column)) is { } name)
                result.AddError($"--columns: \"{EchoText.Of(name)}\" is not a column number; with --no-header, columns are picked by number (1, 2, …)");
        });
    }

    /// <summary>
    /// The validated settings of a successful parse. FILE <c>-</c> reads the standard input of the
    /// invocation: the one <see cref="CliApp"/> was given, else the process's own.
    /// </summary>
    public CsvReadSettings Read(ParseResult parseResult) =>
        new(parseResult.GetValue(Delimiter), !parseResult.GetValue(NoHeader), parseResult.GetValue(Columns))
        {
            MissingTokens = Missing.Read(parseResult) == MissingCellPolicy.Refuse
                ? []
                : parseResult.GetValue(MissingValues) ?? CsvReadSettings.DefaultMissingTokens,
            OpenStandardInput = parseResult.InvocationConfiguration is EmInvocationConfiguration { OpenStandardInput: { } open }
                ? open
                : Console.OpenStandardInput,
        };

    /// <summary>How a delimiter is written in messages: <c>';'</c>, or <c>tab</c>, which does not show between quotes.</summary>
    public static string DelimiterName(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        ' ' => "space",
        _ => $"'{delimiter}'",
    };

    /// <summary>"3": a 1-based column number as <c>--columns</c> takes it without a header.</summary>
    public static bool IsColumnNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1;

    private static Option<char> DelimiterOption() => new("--delimiter")
    {
        Description = "The character between fields: one ASCII character such as ';' or '|', or tab (also written \\t). Not a quote, '#' (comments), a letter, a digit or a character of numbers (. + -).",
        HelpName = "char",
        DefaultValueFactory = _ => ',',
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (text is "\\t" or "tab" or "TAB" or "\t") return '\t';
            if (text is "space") return ' ';
            if (text.Length != 1)
                return Reject<char>(result, $"--delimiter: \"{EchoText.Of(text)}\" is not one character; give one such as ';' or '|', or tab");
            var delimiter = text[0];
            var problem =
                delimiter > 127 ? "is not an ASCII character"
                : delimiter == '"' ? "is the quote character"
                : delimiter == '#' ? "starts comment lines"
                : char.IsAsciiLetterOrDigit(delimiter) || delimiter is '.' or '+' or '-' ? "can be part of a number"
                : char.IsControl(delimiter) ? "is a control character"
                : null;
            return problem is null ? delimiter : Reject<char>(result, $"--delimiter: '{EchoText.Of(text)}' {problem}; use another separator such as ';' or '|', or tab");
        },
    };

    private static Option<IReadOnlyList<string>?> ColumnsOption() => new("--columns")
    {
        Description = "The columns to use, in this order, by header name (a comma-separated list such as waiting,eruptions), or by number from 1 with --no-header; the others are not read and need not be numbers. [default: all, in file order]",
        HelpName = "list",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            return SplitColumns(text, out var problem) ?? Reject<IReadOnlyList<string>?>(result, problem!);
        },
    };

    /// <summary>The names of a <c>--columns</c> list, or null and the reason it is not one.</summary>
    private static string[]? SplitColumns(string text, out string? problem)
    {
        var names = text.Split(',').Select(name => name.Trim()).ToArray();
        problem = null;
        if (names.Any(name => name.Length == 0))
            problem = $"--columns: \"{EchoText.Of(text)}\" has an empty name; give a comma-separated list such as a,b,c";
        else if (names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
            problem = $"--columns: {EchoText.Of(repeated.Key)} is listed twice in \"{EchoText.Of(text)}\"";
        return problem is null ? names : null;
    }
}
