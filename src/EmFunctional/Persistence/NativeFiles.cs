using System.Runtime.InteropServices;

namespace EmFunctional;

/// <summary>
/// The C library's realpath and stat, which .NET does not offer: the real path of a file and its device, inode
/// and type. One source compiled into the library (for <see cref="AtomicFile"/>) and into <c>em</c> (for the
/// check that no output names an input), so that neither exposes it.
/// </summary>
internal static class NativeFiles
{
    /// <summary>realpath(3): the path with every link resolved; null when it does not exist, off Unix, or without libc.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
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
            return null;
        }
    }

    /// <summary>
    /// stat(2) on Linux x64 and arm64, where st_dev and st_ino are the first two 64-bit fields and st_mode follows
    /// them (after a 64-bit st_nlink on x64 only); null when the path does not exist or elsewhere.
    /// </summary>
    public static (ulong Device, ulong Inode, uint Mode)? Stat(string path)
    {
        if (!CanStat) return null;
        try
        {
            var buffer = new byte[256];
            if (stat(path, buffer) != 0) return null;
            var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
            return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt32(buffer, modeOffset));
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether <see cref="Stat"/> can answer here: Linux on x64 or arm64, with the C library.</summary>
    public static bool CanStat { get; } = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is (Architecture.X64 or Architecture.Arm64) && HasLibc();

    private static bool HasLibc()
    {
        try
        {
            stat("/", new byte[256]);
            return true;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint realpath(string path, nint resolved);

    [DllImport("libc")]
    private static extern void free(nint pointer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(string path, [Out] byte[] buffer);
}
