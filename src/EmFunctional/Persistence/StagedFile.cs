namespace EmFunctional;

/// <summary>
/// A file's new content, complete on the disk beside it (<see cref="AtomicFile.Stage"/>): <see cref="Commit"/>
/// puts it in place with one rename; disposing it uncommitted deletes it, leaving the target as it was.
/// </summary>
public sealed class StagedFile : IDisposable
{
    private readonly string _temporary;
    private bool _pending = true;

    internal StagedFile(string path, string temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    /// <summary>The target, as a full path.</summary>
    public string Path { get; }

    /// <summary>Replaces the target with the staged content.</summary>
    /// <exception cref="IOException">The rename failed; the target is unchanged and the staged content is deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The target may not be replaced; it is unchanged and the staged content is deleted.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(!_pending, this);
        try
        {
            File.Move(_temporary, Path, overwrite: true);
            _pending = false;
            AtomicFile.Committed(_temporary);
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
        AtomicFile.Forget(_temporary);
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
