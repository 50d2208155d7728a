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

    /// <summary>The real path, or null when the path does not exist (or where the C library cannot say and it does not exist).</summary>
    private static string? Resolve(string path) =>
        NativeFiles.RealPath(path) ?? (File.Exists(path) || Directory.Exists(path) ? path : null);

    /// <summary>(st_dev, st_ino) of an existing file on Linux.</summary>
    private static (ulong, ulong)? NodeOf(string path) =>
        File.Exists(path) && NativeFiles.Stat(path) is { } status ? (status.Device, status.Inode) : null;
}
