namespace EmFunctional;

/// <summary>
/// A file's new content, complete on the disk beside it (<see cref="AtomicFile.Stage"/>): <see cref="Commit"/>
/// puts it in place with one rename; disposing it uncommitted deletes it, leaving the target as it was. A target
/// that is not a regular file (<see cref="IsDirect"/>) has nothing staged: <see cref="Commit"/> writes it directly.
/// </summary>
public sealed class StagedFile : IDisposable
{
    private readonly string? _temporary;
    private readonly Action<Stream>? _direct;
    private bool _pending = true;

    internal StagedFile(AtomicTarget target, string temporary)
    {
        Path = target.Path;
        Target = target.Target;
        _temporary = temporary;
    }

    internal StagedFile(AtomicTarget target, Action<Stream> write)
    {
        Path = target.Path;
        Target = target.Target;
        _direct = write;
    }

    /// <summary>The path as given, made full.</summary>
    public string Path { get; }

    /// <summary>The file that receives the content: the end of <see cref="Path"/>'s chain of symbolic links, or <see cref="Path"/> itself.</summary>
    public string Target { get; }

    /// <summary>
    /// Whether the target is a device, FIFO or socket (<see cref="AtomicFile.Locate"/>), written directly, streamed,
    /// by <see cref="Commit"/>: nothing is staged, and a failure part way cannot be undone. Commit such files last.
    /// </summary>
    public bool IsDirect => _direct is not null;

    /// <summary>Replaces the target with the staged content (or, for a direct target, writes the content to it).</summary>
    /// <exception cref="IOException">The rename failed; the target is unchanged and the staged content is deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The target may not be replaced; it is unchanged and the staged content is deleted.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(!_pending, this);
        if (_direct is not null)
        {
            _pending = false;
            // Opened as it is (no truncation, no lock): a device or pipe has no old content to replace.
            using var stream = new FileStream(Target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16);
            if (stream.CanSeek) stream.Seek(0, SeekOrigin.End);
            _direct(stream);
            stream.Flush();
            return;
        }
        try
        {
            File.Move(_temporary!, Target, overwrite: true);
            _pending = false;
            AtomicFile.Committed(_temporary!);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Deletes the staged content unless it was committed.</summary>
    public void Dispose()
    {
        if (!_pending) return;
        _pending = false;
        if (_temporary is not null) AtomicFile.Forget(_temporary);
    }

    internal static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // The original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
