namespace EmFunctional;

/// <summary>What a path names once every symbolic link is followed.</summary>
internal enum FileKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character or block device, a FIFO or a socket: written in place, never replaced.</summary>
    Special,
}

/// <summary>The file type (st_mode &amp; S_IFMT) of a path, from the C library's stat on Linux; elsewhere only missing, directory or regular.</summary>
internal static class FileKinds
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    public static FileKind Of(string path)
    {
        if (NativeFiles.CanStat)
        {
            // A dangling link stats as missing, where File.Exists would say it exists.
            if (NativeFiles.Stat(path) is not { } status) return Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
            return (status.Mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            };
        }
        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>The C library's realpath of an existing directory (every link resolved); the path itself where it cannot say.</summary>
    public static string RealPath(string path) => NativeFiles.RealPath(path) ?? path;
}
