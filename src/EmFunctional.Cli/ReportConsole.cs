using System.Text;
using Spectre.Console;

namespace EmFunctional.Cli;

/// <summary>
/// The Spectre.Console setup of both text reports (<see cref="TextReportRenderer"/> for <c>em fit</c>,
/// <see cref="SelectTextRenderer"/> for <c>em select</c>): the console they render into, the table
/// border, section titles, number tables and the final clean-up.
/// </summary>
internal static class ReportConsole
{
    /// <summary>
    /// A console that writes to <paramref name="buffer"/>. Escape sequences only for an interactive
    /// terminal (and never with NO_COLOR, which Spectre's colour detection honours); a fixed width so the
    /// layout does not depend on the window the command happened to run in.
    /// </summary>
    public static IAnsiConsole Create(StringWriter buffer, TerminalOutput terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal.IsInteractiveTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.IsInteractiveTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
        });
        console.Profile.Width = terminal.Width;
        // Box-drawing characters only where the terminal can show them; files get ASCII.
        console.Profile.Capabilities.Unicode = terminal.IsInteractiveTerminal && Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage;
        return console;
    }

    /// <summary>Rounded boxes on a terminal that can show them, ASCII otherwise.</summary>
    public static TableBorder Border(IAnsiConsole console, TerminalOutput terminal) =>
        terminal.IsInteractiveTerminal && console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii2;

    /// <summary>
    /// A section title in bold on its own line, left-aligned: Spectre's table titles are centred and wrap
    /// when they are wider than a narrow table.
    /// </summary>
    public static void WriteTitle(IAnsiConsole console, string title) =>
        console.Write(new Markup($"[bold]{Markup.Escape(title)}[/]\n"));

    /// <summary>A table whose columns are right-aligned, as numbers should be to compare digits.</summary>
    public static Table NewTable(TableBorder border, IEnumerable<string> headers)
    {
        var table = new Table { Border = border }.LeftAligned();
        foreach (var header in headers)
            // Text, not markup: a column called "x[1]" must not be read as a style.
            table.AddColumn(new TableColumn(new Text(header)).RightAligned());
        return table;
    }

    /// <summary>
    /// What was rendered into <paramref name="buffer"/>. Spectre pads some lines with spaces; in a file
    /// they only show up as noise in diffs, so they are removed, except on a terminal, where a line may
    /// end inside an escape sequence.
    /// </summary>
    public static string Finish(StringWriter buffer, TerminalOutput terminal) =>
        terminal.IsInteractiveTerminal ? buffer.ToString() : WithoutTrailingSpaces(buffer.ToString());

    private static string WithoutTrailingSpaces(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.TrimEnd(' ')));
}
