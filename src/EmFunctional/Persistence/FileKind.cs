using System.Runtime.InteropServices;

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
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64)
        {
            try
            {
                var buffer = new byte[256];
                if (stat(path, buffer) != 0) return Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
                // struct stat: st_mode follows st_dev, st_ino and (on x86-64 only) a 64-bit st_nlink.
                var mode = BitConverter.ToUInt32(buffer, RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16) & TypeMask;
                return mode switch
                {
                    RegularType => FileKind.Regular,
                    DirectoryType => FileKind.Directory,
                    _ => FileKind.Special,
                };
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }
        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>The C library's realpath of an existing directory (every link resolved); the path itself where it cannot say.</summary>
    public static string RealPath(string path)
    {
        if (OperatingSystem.IsWindows()) return path;
        try
        {
            var resolved = realpath(path, 0);
            if (resolved == 0) return path;
            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? path;
            }
            finally
            {
                free(resolved);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return path;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint realpath(string path, nint resolved);

    [DllImport("libc")]
    private static extern void free(nint pointer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(string path, [Out] byte[] buffer);
}
