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
    /// written: a missing directory, a directory in its place, no permission. Probed by creating (and at
    /// once deleting) a file next to it, the only reliable test of permissions.
    /// </summary>
    public static void RequireWritable(string path, string option)
    {
        var (full, directory) = Locate(path, option);
        if (Directory.Exists(full))
            throw new UserInputException($"{option} {EchoText.Path(path)}: is a directory; give a file name such as {EchoText.Path(Path.Combine(path, "plot.svg"))}");
        if (!Directory.Exists(directory))
            throw new UserInputException($"{option} {EchoText.Path(path)}: cannot write the picture: the directory {EchoText.Path(directory)} does not exist");
        try
        {
            using var probe = new FileStream(TemporaryName(full), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: cannot write the picture: {exception.Message}");
        }
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> atomically (UTF-8, no BOM), with the facade's writer.</summary>
    public static void Write(string path, SvgDocument document, string option)
    {
        using var staged = Stage(path, document, option);
        OutputTargets.Commit(staged);
    }

    /// <summary><paramref name="document"/> staged beside <paramref name="path"/> until committed (<see cref="OutputTargets.Commit"/>).</summary>
    public static StagedFile Stage(string path, SvgDocument document, string option)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(document.ToString());
        Locate(path, option);
        try
        {
            return AtomicFile.Stage(path, stream => stream.Write(bytes));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: cannot write the picture: {exception.Message}");
        }
    }

    private static (string Full, string Directory) Locate(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: the file name is empty");
        try
        {
            var full = Path.GetFullPath(path);
            return (full, Path.GetDirectoryName(full) ?? full);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: not a usable file name: {exception.Message}");
        }
    }

    /// <summary>A hidden name next to <paramref name="full"/> that no other run picks.</summary>
    private static string TemporaryName(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
}
