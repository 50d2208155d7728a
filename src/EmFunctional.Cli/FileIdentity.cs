using System.Runtime.InteropServices;

namespace EmFunctional.Cli;

/// <summary>
/// What a path names on the disk, so that an output can be compared with the inputs and the other outputs
/// however each was spelled: the real path (every symbolic link resolved, "." and ".." removed; for a file
/// that does not exist yet, its directory's real path and its name) and, where the file exists on Linux, its
/// device and inode, which also catch a hard link.
/// </summary>
internal readonly record struct FileIdentity(string RealPath, (ulong Device, ulong Inode)? Node)
{
    public static FileIdentity Of(string path)
    {
        var full = Path.GetFullPath(path);
        var real = Resolve(full) ?? Path.Combine(Resolve(Path.GetDirectoryName(full) ?? full) ?? Path.GetDirectoryName(full) ?? "", Path.GetFileName(full));
        return new FileIdentity(real, NodeOf(real));
    }

    /// <summary>Whether both name the same file.</summary>
    public bool SameFileAs(FileIdentity other) =>
        Node is { } node && other.Node is { } otherNode
            ? node == otherNode
            : string.Equals(RealPath, other.RealPath, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <summary>The C library's realpath: null when the path does not exist (or off Unix).</summary>
    private static string? Resolve(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path) || Directory.Exists(path) ? path : null;
        try
        {
            var resolved = realpath(path, 0);
            if (resolved == 0) return null;
            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                free(resolved);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path) || Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>(st_dev, st_ino) of an existing file on Linux (x64 and arm64, where they are the first two 64-bit fields of struct stat).</summary>
    private static (ulong, ulong)? NodeOf(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64) || !File.Exists(path)) return null;
        try
        {
            var buffer = new byte[256];
            if (stat(path, buffer) != 0) return null;
            return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint realpath(string path, nint resolved);

    [DllImport("libc")]
    private static extern void free(nint pointer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(string path, [Out] byte[] buffer);
}
