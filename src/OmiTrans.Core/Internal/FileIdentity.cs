using System.Runtime.InteropServices;

namespace OmiTrans.Internal;

/// <summary>What a path names on disk.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A character device (/dev/null, /dev/full, a terminal).</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Something else, or the platform does not say.</summary>
    Other,
}

/// <summary>
/// The kind of a path and, where the platform tells (Linux statx), the device and inode of what it names, so that two
/// paths (through symbolic links, hard links or different spellings) can be recognised as the same file.
/// </summary>
/// <param name="Kind">What the path names, following symbolic links.</param>
/// <param name="Device">The device number (0 when unknown).</param>
/// <param name="Inode">The inode number (0 when unknown).</param>
internal readonly record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int WriteAccess = 2;
    private static bool s_noStatx;

    /// <summary>Whether <see cref="Device"/> and <see cref="Inode"/> identify the file.</summary>
    public bool HasInode => Inode != 0;

    /// <summary>Whether both name the same existing file.</summary>
    public bool SameFileAs(FileIdentity other) => HasInode && other.HasInode && Device == other.Device && Inode == other.Inode;

    /// <summary>What a path names, following symbolic links (a dangling link is <see cref="FileKind.Missing"/>).</summary>
    public static FileIdentity Of(string path)
    {
        if (!s_noStatx && (OperatingSystem.IsLinux() || OperatingSystem.IsAndroid()))
        {
            try
            {
                return Statx(path);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                s_noStatx = true;
            }
        }

        // Elsewhere: no inode; folders and files told apart by .NET.
        if (Directory.Exists(path))
        {
            return new FileIdentity(FileKind.Directory, 0, 0);
        }

        return new FileIdentity(File.Exists(path) ? FileKind.Regular : FileKind.Missing, 0, 0);
    }

    /// <summary>Whether this process may write the existing file at the path (true when the platform does not say).</summary>
    public static bool IsWritable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return !new FileInfo(path).IsReadOnly;
        }

        try
        {
            return LibC.Access(path, WriteAccess) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return true;
        }
    }

    private static unsafe FileIdentity Statx(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (LibC.Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) != 0)
        {
            return new FileIdentity(FileKind.Missing, 0, 0);
        }

        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileIdentity(kind, device, inode);
    }

}

/// <summary>The C library calls behind <see cref="FileIdentity"/> (Linux; glibc 2.28 or later for statx).</summary>
internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Access(string path, int mode);
}
