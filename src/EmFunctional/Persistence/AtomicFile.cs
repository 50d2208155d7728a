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
/// </summary>
public static class AtomicFile
{
    // The temporaries this process is writing or holding staged, so that a signal handler can remove them
    // before the process ends (a SIGKILL still leaves its hidden .tmp behind).
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
    /// not touched until then.
    /// </summary>
    /// <inheritdoc cref="Write" path="/param"/>
    /// <inheritdoc cref="Write" path="/exception"/>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"{path} has no directory");
        // The name starts with '.' and ends in '.tmp' so that a temporary left behind by a killed process is
        // recognizable and hidden; the random part keeps two concurrent writers apart.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
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
            return new StagedFile(fullPath, temporary);
        }
        catch
        {
            Forget(temporary);
            throw;
        }
    }
}
