namespace EmFunctional;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the bytes go
/// to a temporary file in the same directory (a rename across file systems would be a copy, which is not
/// atomic), which then replaces the target. If anything fails before the rename, the temporary file is
/// deleted and the target, if it existed, is untouched. <see cref="FittedModel.Save"/> writes with it, and so
/// does the <c>em</c> tool for every file it writes; use it for outputs of your own that must never be half-written.
/// <code>
/// AtomicFile.Write("labels.csv", stream => { using var writer = new StreamWriter(stream); writer.WriteLine("label"); });
/// </code>
/// Several files that must change together (a model and its picture, say) are written in two phases:
/// <see cref="Stage"/> each one, and <see cref="StagedFile.Commit"/> them only when every one is staged; a
/// failure before that leaves every target as it was, and disposing a staged file that was not committed
/// removes its temporary file.
/// <para>
/// A symbolic link is written through: the content goes to the file at the end of the chain of links (created
/// if it does not exist yet; its directory must), staged beside that file, so the link stays a link. A target
/// that is not a regular file (a character or block device such as <c>/dev/null</c>, a FIFO, a socket, or a
/// path through <c>/proc</c> or <c>/dev/fd</c> such as <c>/dev/stdout</c>) is never replaced: it is written
/// directly, streamed, when committed (<see cref="StagedFile.IsDirect"/>), and such a write cannot be undone.
/// See <see cref="Locate"/>.
/// </para>
/// </summary>
public static class AtomicFile
{
    // The temporaries this process is writing or holding staged, so that a signal handler can remove them
    // before the process ends (a SIGKILL still leaves its hidden .tmp behind, for LeftoverTemporaries to remove).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Deletes every temporary file this process is writing or holding staged, leaving the targets as they
    /// were: for a SIGINT or SIGTERM handler, just before the process ends. Writes still under way then fail.
    /// </summary>
    public static void DeletePending()
    {
        foreach (var temporary in Pending.Keys) Forget(temporary);
    }

    /// <summary>Deletes a temporary file and stops tracking it.</summary>
    internal static void Forget(string temporary)
    {
        StagedFile.TryDelete(temporary);
        Pending.TryRemove(temporary, out _);
    }

    /// <summary>Stops tracking a temporary file that has become its target.</summary>
    internal static void Committed(string temporary) => Pending.TryRemove(temporary, out _);

    /// <summary>
    /// Where the content for <paramref name="path"/> goes: the end of its chain of symbolic links (the path itself
    /// when it is no link), and whether that is written directly instead of replaced (a device, FIFO or socket, or
    /// a path through <c>/proc</c> or <c>/dev/fd</c>). Touches nothing.
    /// </summary>
    /// <exception cref="IOException">The links form a loop, or more than 40 of them follow one another.</exception>
    public static AtomicTarget Locate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (ThroughProc(full) || FileKinds.Of(full) == FileKind.Special) return new AtomicTarget(full, full, Direct: true);
        var current = full;
        for (var hop = 0; ; hop++)
        {
            var link = new FileInfo(current).LinkTarget;
            if (link is null) break;
            if (hop == MaxLinks) throw new IOException("too many levels of symbolic links");
            // Relative to the link's directory as the system finds it (through any linked directories).
            var directory = FileKinds.RealPath(System.IO.Path.GetDirectoryName(current) ?? current);
            current = System.IO.Path.GetFullPath(link, directory);
            if (ThroughProc(current)) return new AtomicTarget(full, full, Direct: true);
        }
        return new AtomicTarget(full, current, Direct: false);
    }

    private const int MaxLinks = 40;

    private static bool ThroughProc(string path) =>
        OperatingSystem.IsLinux() && (path.StartsWith("/proc/", StringComparison.Ordinal) || path.StartsWith("/dev/fd/", StringComparison.Ordinal));

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    /// <param name="write">Writes the whole content to the stream it is given (it need not close the stream).</param>
    /// <exception cref="IOException">The temporary file could not be written or could not replace the target; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or the target may not be written; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        using var staged = Stage(path, write);
        staged.Commit();
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s output, flushed to the disk, to a temporary file beside
    /// <paramref name="path"/>, which replaces <paramref name="path"/> when the result is committed. The target is
    /// not touched until then. A target that is not a regular file (<see cref="Locate"/>) is not staged: it is
    /// written directly, by <paramref name="write"/>, when the result is committed.
    /// </summary>
    /// <inheritdoc cref="Write" path="/param"/>
    /// <inheritdoc cref="Write" path="/exception"/>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Locate(path);
        if (target.Direct) return new StagedFile(target, write);
        if (Directory.Exists(target.Target)) throw new IOException($"{EchoText.Path(path)} is a directory");
        var directory = Path.GetDirectoryName(target.Target) ?? throw new IOException($"{EchoText.Path(path)} has no directory");
        // The name starts with '.' and ends in '.tmp' so that a temporary left behind by a killed process is
        // recognizable and hidden; the random part keeps two concurrent writers apart.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target.Target)}.{Guid.NewGuid():N}.tmp");
        LeftoverTemporaries.Remove(target.Target, Pending.ContainsKey);
        Pending[temporary] = 0;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // Flush to the disk before the rename: otherwise a crash right after it could leave the
                // new name pointing at a file whose data never reached the disk.
                stream.Flush(flushToDisk: true);
            }
            return new StagedFile(target, temporary);
        }
        catch
        {
            Forget(temporary);
            throw;
        }
    }
}

/// <summary>Where <see cref="AtomicFile"/> writes the content for a path (<see cref="AtomicFile.Locate"/>).</summary>
/// <param name="Path">The path as given, made full.</param>
/// <param name="Target">The file that receives the content: the end of <paramref name="Path"/>'s chain of symbolic links, or <paramref name="Path"/> itself.</param>
/// <param name="Direct">The target is not a regular file (a device, FIFO or socket, or a path through /proc or /dev/fd): written in place when committed, never replaced; that write cannot be undone.</param>
public sealed record AtomicTarget(string Path, string Target, bool Direct)
{
    /// <summary>Whether <see cref="Path"/> is a symbolic link (whose target receives the content).</summary>
    public bool IsLink => !string.Equals(Path, Target, StringComparison.Ordinal);
}
