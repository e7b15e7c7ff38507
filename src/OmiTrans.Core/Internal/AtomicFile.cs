namespace OmiTrans.Internal;

/// <summary>
/// Writes files so that nobody ever sees a half-written one, and so that a write never replaces something it should
/// not. The rule (docs/failure-modes.md, "Where outputs go"):
/// <list type="bullet">
/// <item>A regular file (or a new path) is written to a temporary file in the same folder, flushed to disk and renamed
/// over the destination. On failure the temporary file is removed and any previous file is left as it was. A read-only
/// file is not replaced.</item>
/// <item>A symbolic link is followed: its final target is replaced atomically, the link stays.</item>
/// <item>A named pipe, a character device (/dev/null, /dev/full, a terminal) and standard output or error
/// (/dev/stdout, /dev/stderr, /dev/fd/N) are written directly, without a temporary file or a rename.</item>
/// <item>A folder, a block device or a socket is refused, as is any destination that is one of the run's inputs
/// (<see cref="InputProtection"/>).</item>
/// </list>
/// </summary>
internal static class AtomicFile
{
    /// <summary>How a destination is written.</summary>
    internal enum Mode
    {
        /// <summary>Temporary file, then rename over the (link-resolved) destination.</summary>
        Replace,

        /// <summary>Opened and written in place (pipes, character devices, standard streams).</summary>
        Direct,
    }

    public static void Write(string path, Action<Stream> write)
    {
        Guard.NotNull(write);
        var requested = Path.GetFullPath(Guard.NotNullOrWhiteSpace(path));
        var (mode, destination) = Plan(requested);
        if (mode == Mode.Direct)
        {
            WriteDirect(destination, write);
            return;
        }

        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        bool exists = File.Exists(destination);
        if (exists && !FileIdentity.IsWritable(destination))
        {
            throw new UnauthorizedAccessException($"Permission denied: '{requested}' is read-only; it was left as it was.");
        }

        var temp = TemporaryFiles.NewPath(directory, Path.GetFileName(destination));
        try
        {
            FileStream stream;
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new UnauthorizedAccessException($"Permission denied: cannot write '{requested}' (the folder '{directory}' is not writable).", ex);
            }

            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (exists && !OperatingSystem.IsWindows())
            {
                // A replaced file keeps its permissions.
                File.SetUnixFileMode(temp, File.GetUnixFileMode(destination));
            }

            File.Move(temp, destination, overwrite: true);
            TemporaryFiles.Forget(temp);
        }
        catch
        {
            TemporaryFiles.Delete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text)
        => Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// How a destination will be written and where (symbolic links resolved for a replacement), or
    /// <see cref="OutputRefusedException"/> when it must not be written. Nothing is written.
    /// </summary>
    /// <param name="path">The destination.</param>
    /// <param name="shownAs">How to name it in messages (for example "--out x.tsv").</param>
    internal static (Mode Mode, string Destination) Plan(string path, string? shownAs = null)
    {
        var requested = Path.GetFullPath(path);
        shownAs ??= requested;
        if (IsStandardStream(requested))
        {
            return (Mode.Direct, requested);
        }

        var identity = FileIdentity.Of(requested);
        switch (identity.Kind)
        {
            case FileKind.Directory:
                throw new OutputRefusedException($"cannot write {shownAs}: it is a directory; give a file name.");
            case FileKind.BlockDevice:
                throw new OutputRefusedException($"refusing to write {shownAs}: it is a block device (a disk).");
            case FileKind.Socket:
                throw new OutputRefusedException($"cannot write {shownAs}: it is a socket.");
            case FileKind.Fifo or FileKind.CharacterDevice or FileKind.Other:
                return (Mode.Direct, requested);
        }

        InputProtection.Check(requested, shownAs);
        var destination = requested;
        if (new FileInfo(requested).LinkTarget is not null)
        {
            // Replace what the link points to, not the link.
            var target = new FileInfo(requested).ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                destination = target.FullName;
            }
        }

        return (Mode.Replace, destination);
    }

    /// <summary>/dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N: the process's own streams, written in place.</summary>
    internal static bool IsStandardStream(string fullPath)
        => !OperatingSystem.IsWindows()
            && (fullPath is "/dev/stdout" or "/dev/stderr"
                || fullPath.StartsWith("/dev/fd/", StringComparison.Ordinal)
                || fullPath.StartsWith("/proc/self/fd/", StringComparison.Ordinal));

    private static void WriteDirect(string path, Action<Stream> write)
    {
        // The process's own standard output and error keep their offset and append mode: write to the descriptor.
        using var stream = path switch
        {
            "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1" => Console.OpenStandardOutput(),
            "/dev/stderr" or "/dev/fd/2" or "/proc/self/fd/2" => Console.OpenStandardError(),
            _ => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16),
        };
        write(stream);
        stream.Flush();
    }
}
