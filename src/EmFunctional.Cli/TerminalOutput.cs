namespace EmFunctional.Cli;

/// <summary>
/// What the text report may assume about stdout. Colours and box-drawing characters are only for a
/// real terminal; a file or pipe gets plain ASCII at a fixed width, so that the output is the same
/// wherever it is captured and never contains escape sequences.
/// </summary>
/// <param name="IsInteractiveTerminal">True when stdout is a terminal (not redirected).</param>
/// <param name="Width">Columns available for tables.</param>
public sealed record TerminalOutput(bool IsInteractiveTerminal, int Width)
{
    /// <summary>
    /// Width used when stdout is not a terminal: wide enough for a few columns of numbers, narrow
    /// enough to read in an editor or a CI log.
    /// </summary>
    public const int RedirectedWidth = 100;

    /// <summary>
    /// Where a live progress line may be drawn: the process's stderr when both stdout and stderr are a
    /// terminal, else null, and then nothing is drawn. Progress is for a person watching, never for a
    /// file, a pipe or a test.
    /// </summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Output to a file, a pipe or a test's <see cref="StringWriter"/>.</summary>
    public static TerminalOutput Redirected { get; } = new(false, RedirectedWidth);

    /// <summary>Inspects the process's console: a terminal when stdout is not redirected.</summary>
    public static TerminalOutput Detect()
    {
        if (Console.IsOutputRedirected) return Redirected;
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            // No console window after all (e.g. a detached service); behave as if redirected.
            return Redirected;
        }
        // Some terminals report 0; very wide windows make tables hard to scan.
        return new TerminalOutput(true, width > 0 ? Math.Min(width, 160) : RedirectedWidth)
        {
            Progress = Console.IsErrorRedirected ? null : Console.Error,
        };
    }
}
