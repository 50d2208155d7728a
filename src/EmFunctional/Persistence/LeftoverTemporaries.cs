using System.Text.RegularExpressions;

namespace EmFunctional;

/// <summary>
/// Temporary files that a killed process (SIGKILL, a power cut) left beside a target: <c>.NAME.GUID.tmp</c>,
/// the names <see cref="AtomicFile.Stage"/> gives. The next write to that target removes them. A temporary
/// another live process is still writing is held under an exclusive lock, and one it holds staged was
/// written moments ago, so only an unlocked one untouched for <see cref="StaleAfter"/> is removed.
/// </summary>
internal static partial class LeftoverTemporaries
{
    /// <summary>How long a temporary must have been left alone before it is taken for a leftover.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex RandomPart();

    /// <summary>Removes the leftovers of <paramref name="target"/>; best effort: a file it cannot remove stays.</summary>
    /// <returns>How many were removed.</returns>
    public static int Remove(string target, Func<string, bool> isOurs)
    {
        var directory = Path.GetDirectoryName(target);
        var prefix = $".{Path.GetFileName(target)}.";
        if (directory is null) return 0;
        var removed = 0;
        try
        {
            foreach (var candidate in Directory.EnumerateFiles(directory, $"{prefix}*.tmp"))
            {
                var middle = Path.GetFileName(candidate)[prefix.Length..^".tmp".Length];
                if (!RandomPart().IsMatch(middle) || isOurs(candidate) || !IsStale(candidate)) continue;
                if (TryRemoveUnlocked(candidate)) removed++;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable directory is reported by the write itself.
        }
        return removed;
    }

    private static bool IsStale(string path) => DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > StaleAfter;

    private static bool TryRemoveUnlocked(string path)
    {
        try
        {
            // The exclusive lock fails while another process writes it (FileShare.None takes one on Unix too).
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
