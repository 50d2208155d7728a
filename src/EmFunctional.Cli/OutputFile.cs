using System.Text;

namespace EmFunctional.Cli;

/// <summary>
/// Where <c>--output</c> sends a command's result, and how: a file is written atomically (a temporary
/// file beside the target, flushed, then renamed over it; see <see cref="OutputTargets"/> for links and
/// special files), so an interrupted or failed run never leaves a half-written file and never destroys the
/// one that was there; without <c>--output</c> (or with <c>-</c>) the result goes to stdout. Either way the
/// caller has computed everything first, so a failure leaves stdout empty.
/// </summary>
internal static class OutputFile
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Fails early, before any work, when <paramref name="path"/> cannot be a file to write (<see cref="OutputTargets.RequireWritable"/>).
    /// </summary>
    public static void RequireWritableLocation(string path, string option, string example = "out.csv") => OutputTargets.RequireWritable(path, option, example);

    /// <summary>Writes <paramref name="write"/>'s text to <paramref name="path"/> atomically, or to <paramref name="stdout"/> when the path is null.</summary>
    public static void Write(string? path, TextWriter stdout, Action<TextWriter> write, string option = "--output")
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
        }, option);
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s bytes to a temporary file beside <paramref name="path"/> and
    /// renames it over <paramref name="path"/>; on any failure the temporary file is removed, the target
    /// is untouched and a <see cref="UserInputException"/> names the file and the reason.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write, string option = "--output")
    {
        using var staged = Stage(path, write, option);
        OutputTargets.Commit(staged);
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s bytes to a temporary file beside <paramref name="path"/>, to replace
    /// it when committed (<see cref="OutputTargets.Commit"/>); on a failure a <see cref="UserInputException"/>
    /// names the file and the reason, and nothing is left behind.
    /// </summary>
    public static PendingOutput Stage(string path, Action<Stream> write, string option = "--output") => OutputTargets.Stage(option, path, write);
}
