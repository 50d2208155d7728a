namespace EmFunctional.Cli.Plots;

/// <summary>
/// Writes a picture so that the file is either the old one or the complete new one, never half of
/// either: the document goes to a temporary file in the same directory (same file system, so the
/// rename is atomic) and is then renamed over the target.
/// </summary>
internal static class SvgFile
{
    /// <summary>
    /// Throws a <see cref="UserInputException"/> now, before any work, when <paramref name="path"/> cannot be
    /// written: a missing directory, a directory in its place, no permission (<see cref="OutputTargets.RequireWritable"/>).
    /// </summary>
    public static void RequireWritable(string path, string option) => OutputTargets.RequireWritable(path, option, "plot.svg");

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> atomically (UTF-8, no BOM), with the facade's writer.</summary>
    public static void Write(string path, SvgDocument document, string option)
    {
        using var staged = Stage(path, document, option);
        OutputTargets.Commit(staged);
    }

    /// <summary><paramref name="document"/> staged beside <paramref name="path"/> until committed (<see cref="OutputTargets.Commit"/>).</summary>
    public static PendingOutput Stage(string path, SvgDocument document, string option)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(document.ToString());
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: the file name is empty");
        return OutputTargets.Stage(option, path, stream => stream.Write(bytes));
    }
}
