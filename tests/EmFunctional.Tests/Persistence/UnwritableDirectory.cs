namespace EmFunctional.Tests.Persistence;

/// <summary>
/// A directory in which this process cannot create files, for the tests of failed writes. A temporary
/// directory made read-only serves when that stops us; as root it does not (root ignores the mode bits),
/// and then /sys, where no one may create files, serves instead. Each candidate is probed by trying
/// to create a file, so a test never passes because the write it expects to fail went through.
/// </summary>
internal sealed class UnwritableDirectory : IDisposable
{
    private readonly string? _owned;

    public UnwritableDirectory()
    {
        var temporary = Directory.CreateTempSubdirectory("em-read-only-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            if (!CanCreateFileIn(temporary))
            {
                _owned = temporary;
                Path = temporary;
                return;
            }
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Directory.Delete(temporary, recursive: true);
        Path = Directory.Exists("/sys") && !CanCreateFileIn("/sys")
            ? "/sys"
            : throw new InvalidOperationException("found no directory in which file creation fails; the failed-write tests cannot run here");
    }

    public string Path { get; }

    /// <summary>The files in the directory (to check that nothing, not even a temporary file, was left).</summary>
    public string[] Files() => Directory.GetFiles(Path);

    public void Dispose()
    {
        if (_owned is null || OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(_owned, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_owned, recursive: true);
    }

    private static bool CanCreateFileIn(string directory)
    {
        var probe = System.IO.Path.Combine(directory, $".em-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
