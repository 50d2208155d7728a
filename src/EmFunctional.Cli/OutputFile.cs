using System.Text;

namespace EmFunctional.Cli;

/// <summary>
/// Where <c>--output</c> sends a command's result, and how: a file is written atomically (a temporary
/// file in the same directory, flushed, then renamed over the target), so an interrupted or failed run
/// never leaves a half-written file and never destroys the one that was there; without
/// <c>--output</c> the result goes to stdout. Either way the caller has computed everything first, so
/// a failure leaves stdout empty.
/// </summary>
internal static class OutputFile
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Fails early, before any work, when <paramref name="path"/> cannot be a file to write: it is empty, its
    /// directory does not exist, or it names a directory.
    /// </summary>
    public static void RequireWritableLocation(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: the file name is empty");
        if (Directory.Exists(path)) throw new UserInputException($"{option} {EchoText.Path(path)}: is a directory; expected a file name");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new UserInputException($"{option} {EchoText.Path(path)}: the directory {EchoText.Path(directory)} does not exist");
    }

    /// <summary>Writes <paramref name="write"/>'s text to <paramref name="path"/> atomically, or to <paramref name="stdout"/> when the path is null.</summary>
    public static void Write(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }
        WriteAtomically(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8WithoutBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s bytes to a temporary file beside <paramref name="path"/> and
    /// renames it over <paramref name="path"/>; on any failure the temporary file is removed, the target
    /// is untouched and a <see cref="UserInputException"/> names the file and the reason.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        using var staged = Stage(path, write);
        OutputTargets.Commit(staged);
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s bytes to a temporary file beside <paramref name="path"/>, to replace
    /// it when committed (<see cref="OutputTargets.Commit"/>); on a failure a <see cref="UserInputException"/>
    /// names the file and the reason, and nothing is left behind.
    /// </summary>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        try
        {
            return AtomicFile.Stage(path, write);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            throw new UserInputException($"{EchoText.Path(path)}: cannot be written: {Reason(exception, directory)}");
        }
    }

    private static string Reason(Exception exception, string directory) => exception switch
    {
        UnauthorizedAccessException => $"permission denied (is {EchoText.Path(directory)} writable?)",
        DirectoryNotFoundException => $"the directory {EchoText.Path(directory)} does not exist",
        _ => exception.Message,
    };
}
