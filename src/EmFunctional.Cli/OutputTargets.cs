using System.Text.RegularExpressions;

namespace EmFunctional.Cli;

/// <summary>
/// The files a command writes, checked against the files it reads and against each other before any work,
/// and written all or nothing: each output is staged beside its target (<see cref="AtomicFile.Stage"/>) and
/// the targets are replaced only once every output is complete, so a failure (a full disk on the second
/// file, say) leaves every target as it was. A symbolic link is written through (its final target receives the
/// content); a target that is not a regular file (<c>/dev/null</c>, a FIFO, <c>/dev/stdout</c>) is written
/// directly, after every regular file is in place, since such a write cannot be undone.
/// </summary>
internal static partial class OutputTargets
{
    /// <summary>The name that means stdout (for an input, stdin).</summary>
    public const string StandardStream = "-";

    /// <summary>For an output whose command leaves stdout free (<c>predict -o</c>, <c>sample -o</c>): <c>-</c> is stdout, as no option is.</summary>
    public static string? FileOrStdout(string? path) => path == StandardStream ? null : path;

    /// <summary>
    /// Refuses <c>-</c> for an output of a command whose stdout already carries <paramref name="carried"/> (the
    /// report, the trace): the two would be mixed.
    /// </summary>
    public static void RefuseStdout(string option, string? path, string carried, string what, string example)
    {
        if (path != StandardStream) return;
        throw new UserInputException($"{option} -: stdout carries the {carried}; give a file name for the {what} such as {example} (./- is a file named -), or leave out {option}");
    }

    /// <summary>
    /// Fails early, before any work, when <paramref name="path"/> cannot be written: the name is empty or unusable,
    /// it (or the file its symbolic links end at) is a directory, the directory to write in does not exist (a
    /// dangling link whose target's directory is missing, say), or a file cannot be created there (probed by
    /// creating, and at once deleting, a hidden file). A device, FIFO or socket is written as it is and not probed.
    /// </summary>
    public static AtomicTarget RequireWritable(string path, string option, string example)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: the file name is empty");
        AtomicTarget target;
        try
        {
            target = AtomicFile.Locate(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: not a usable file name: {Reason(exception)}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: cannot write: {Reason(exception)}; nothing was changed");
        }
        if (target.Direct) return target;
        var through = target.IsLink ? $" (a symbolic link to {EchoText.Path(target.Target)})" : "";
        if (Directory.Exists(target.Target))
            throw new UserInputException($"{option} {EchoText.Path(path)}{through}: is a directory; give a file name such as {EchoText.Path(Path.Combine(path, example))}");
        var directory = Path.GetDirectoryName(target.Target) ?? target.Target;
        if (!Directory.Exists(directory))
            throw new UserInputException(target.IsLink
                ? $"{option} {EchoText.Path(path)}: is a symbolic link to {EchoText.Path(target.Target)}, whose directory {EchoText.Path(directory)} does not exist"
                : $"{option} {EchoText.Path(path)}: the directory {EchoText.Path(directory)} does not exist");
        try
        {
            var probe = Path.Combine(directory, $".{Path.GetFileName(target.Target)}.{Guid.NewGuid():N}.tmp");
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}{through}: cannot write: {Reason(exception, directory)}; nothing was changed");
        }
        return target;
    }

    /// <summary>
    /// Throws a <see cref="UserInputException"/> when an output names an input (which writing would destroy)
    /// or two outputs name the same file (the second would overwrite the first): compared by real path and,
    /// where the file exists, by device and inode, after following a symbolic link to the file it ends at. Null
    /// paths (stdout, the bundled data, stdin) and outputs that are devices, FIFOs or sockets (written as they
    /// are, nothing to destroy) take no part.
    /// </summary>
    public static void RequireDistinct(IReadOnlyList<(string Option, string? Path)> outputs, IReadOnlyList<(string What, string? Path)> inputs)
    {
        var written = outputs.Where(output => !string.IsNullOrWhiteSpace(output.Path) && output.Path != StandardStream)
            .Select(output => (output.Option, Path: output.Path!, Target: Locate(output.Path!)))
            .Where(output => output.Target is not { Direct: true })
            .Select(output => (output.Option, output.Path, Identity: FileIdentity.Of(output.Target?.Target ?? output.Path))).ToArray();
        var read = inputs.Where(input => input.Path is { } path && path != CsvDataLoader.StandardInputArgument && File.Exists(path))
            .Select(input => (input.What, Path: input.Path!, Identity: FileIdentity.Of(input.Path!))).ToArray();
        for (var i = 0; i < written.Length; i++)
        {
            foreach (var input in read)
                if (written[i].Identity.SameFileAs(input.Identity))
                    throw new UserInputException($"{written[i].Option} {EchoText.Path(written[i].Path)}: is the {input.What} {EchoText.Path(input.Path)}; writing there would destroy it, so choose another file name");
            for (var j = 0; j < i; j++)
                if (written[i].Identity.SameFileAs(written[j].Identity))
                    throw new UserInputException($"{written[j].Option} {EchoText.Path(written[j].Path)} and {written[i].Option} {EchoText.Path(written[i].Path)} are the same file; the second would overwrite the first, so give each its own name");
        }
    }

    private static AtomicTarget? Locate(string path)
    {
        try
        {
            return AtomicFile.Locate(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stages <paramref name="write"/>'s bytes for <paramref name="path"/> (<see cref="AtomicFile.Stage"/>); on a
    /// failure a <see cref="UserInputException"/> names the option, the file as given and the reason, and nothing is
    /// left behind.
    /// </summary>
    public static PendingOutput Stage(string option, string path, Action<Stream> write)
    {
        try
        {
            return new PendingOutput(option, path, AtomicFile.Stage(path, write));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {EchoText.Path(path)}: cannot write: {Reason(exception, DirectoryOf(path))}; nothing was changed");
        }
    }

    /// <summary>
    /// Puts every staged output in place, after all of them were staged: first the regular files, in order, then
    /// the devices, FIFOs and sockets, written directly (a write that cannot be undone comes last). A null entry is
    /// an output not asked for.
    /// </summary>
    public static void Commit(params PendingOutput?[] outputs)
    {
        var done = new List<PendingOutput>();
        foreach (var output in outputs.Where(o => o is { File.IsDirect: false }).Concat(outputs.Where(o => o is { File.IsDirect: true })))
        {
            try
            {
                output!.File.Commit();
                done.Add(output);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                var after = output!.File.IsDirect
                    ? "it is not a regular file, so it was written directly and what reached it cannot be undone"
                    : done.Count == 0 ? "nothing was changed" : $"{string.Join(" and ", done.Select(d => $"{d.Option} {EchoText.Path(d.Path)}"))} already written";
                throw new UserInputException($"{output.Option} {EchoText.Path(output.Path)}: cannot write: {Reason(exception, DirectoryOf(output.File.Target))}; {after}");
            }
        }
    }

    private static string DirectoryOf(string path)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ".";
        }
    }

    /// <summary>
    /// Why a write failed, in plain words, never naming the hidden temporary file (the system's own text names it):
    /// <c>no space left on the device</c>, <c>read-only file system</c>, <c>permission denied</c>, <c>path too long</c>…
    /// </summary>
    internal static string Reason(Exception exception, string? directory = null)
    {
        var code = exception.HResult;
        // Off Windows, .NET's IOException carries the errno; on Windows, the Win32 error is the low 16 bits.
        var error = OperatingSystem.IsWindows() ? code & 0xFFFF : code;
        var words = exception switch
        {
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "path too long",
            DirectoryNotFoundException => directory is null ? "a directory on the way does not exist" : $"the directory {EchoText.Path(directory)} does not exist",
            FileNotFoundException => "it no longer exists",
            _ when OperatingSystem.IsWindows() => error switch
            {
                112 or 39 => "no space left on the device",
                19 => "read-only file system",
                5 => "permission denied",
                206 => "path too long",
                _ => null,
            },
            _ => error switch
            {
                28 => "no space left on the device",
                122 => "disk quota exceeded",
                30 => "read-only file system",
                1 or 13 => "permission denied",
                36 => "path too long",
                27 => "file too large",
                21 => "is a directory",
                20 => "a part of the path is not a directory",
                40 => "too many levels of symbolic links",
                32 => "the reading end of the pipe was closed",
                5 => "input/output error",
                _ => null,
            },
        };
        if (words is not null) return words;
        // Some other failure: the system's words without the path they quote.
        var text = QuotedPath().Replace(exception.Message, "").Trim().TrimEnd('.');
        return text.Length == 0 ? "an input/output error" : EchoText.Of(char.ToLowerInvariant(text[0]) + text[1..]);
    }

    [GeneratedRegex(@"\s*:?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}

/// <summary>An output staged for the file the user named with <paramref name="Option"/> (<see cref="OutputTargets.Stage"/>), until <see cref="OutputTargets.Commit"/>.</summary>
internal sealed record PendingOutput(string Option, string Path, StagedFile File) : IDisposable
{
    public void Dispose() => File.Dispose();
}
