using System.CommandLine;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Cli.Commands;

/// <summary>
/// The checks every command makes on its files before it reads or computes anything (docs/failure-modes.md): inputs
/// exist, are regular files and are readable, and are registered so that no write of this run can replace them;
/// outputs are not inputs, not folders or block devices, and their folder is writable; temporary files that a killed
/// run left in an output folder are removed.
/// </summary>
internal static class CommandFiles
{
    /// <summary>The output path that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>Checks a text input file given to an option (when given) and protects it from every write of this run.</summary>
    public static string? OptionalInput(ParseResult result, Option<FileInfo?> option) => result.GetValue(option) is { } file ? Input(file.FullName, option.Name) : null;

    /// <summary>Checks a required input file and protects it from every write of this run.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="option">The option.</param>
    /// <param name="text">Whether the file must be a text table (true for every input but a model file).</param>
    public static string Input(ParseResult result, Option<FileInfo> option, bool text = true) => Input(result.GetValue(option)!.FullName, option.Name, text);

    /// <summary>
    /// Reads an input with the reader, naming the option and the file in a reader error that does not (a damaged
    /// gzip stream says only that the data is invalid).
    /// </summary>
    public static T Read<T>(string label, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException || ex.GetType() == typeof(IOException))
        {
            if (ex.Message.Contains(path, StringComparison.Ordinal))
            {
                throw;
            }

            throw new InvalidDataException($"{label} {path}: {ex.Message} (a damaged or incomplete file?)", ex);
        }
    }

    /// <summary>Checks that an input is an existing, readable regular file and protects it from every write of this run.</summary>
    /// <param name="path">The path given.</param>
    /// <param name="label">The option that named it ("--source").</param>
    /// <param name="text">Whether the file must be a text table (UTF-8 text, optionally gzip-compressed).</param>
    public static string Input(string path, string label, bool text = true)
    {
        var full = Path.GetFullPath(path);
        var identity = FileIdentity.Of(full);
        switch (identity.Kind)
        {
            case FileKind.Missing:
                throw new FileNotFoundException(
                    $"{label} {full}: no such file{(Directory.Exists(Path.GetDirectoryName(full)) ? string.Empty : " (its folder does not exist either)")}.", full);
            case FileKind.Directory:
                throw new BadInputException($"{label} {full}: is a directory, but a file is expected.");
            case FileKind.Fifo or FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Socket or FileKind.Other:
                throw new BadInputException(
                    $"{label} {full}: is not a regular file (a pipe, device or socket); omitrans reads its inputs more than once, so save it to a file first (gzip-compressed files are read directly).");
        }

        try
        {
            using var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BadInputException($"{label} {full}: permission denied (the file cannot be read).", ex);
        }

        if (text)
        {
            CheckText(full, label);
        }

        InputProtection.Protect(full, label);
        return full;
    }

    /// <summary>
    /// Refuses, with what it is, a file that cannot be a text table: a spreadsheet workbook or zip archive, an HTML
    /// page (a failed download), UTF-16 text (Excel's "Unicode Text"), a damaged gzip file, or binary data.
    /// </summary>
    private static void CheckText(string path, string label)
    {
        var head = new byte[64 * 1024];
        int length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1))
        {
            length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var bytes = head.AsSpan(0, length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(head, 0, length), CompressionMode.Decompress);
                var inflated = new byte[64 * 1024];
                length = gzip.ReadAtLeast(inflated, inflated.Length, throwOnEndOfStream: false);
                head = inflated;
                bytes = head.AsSpan(0, length);
            }
            catch (InvalidDataException ex)
            {
                throw new BadInputException($"{label} {path}: is not a valid gzip file ({ex.Message}); a damaged or incomplete download?", ex);
            }
        }

        string? what = bytes switch
        {
            _ when bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
                => "UTF-16 text (Excel's \"Unicode Text\"); save it as UTF-8 text (Excel: \"CSV UTF-8\" or \"Text (Tab delimited)\")",
            _ when bytes.StartsWith("PK\u0003\u0004"u8)
                => "a zip archive or an Excel workbook (.xlsx), not a text table; unzip it, or save the sheet as tab-delimited text",
            _ when bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])
                => "an Excel 97-2003 workbook (.xls), not a text table; save the sheet as tab-delimited text",
            _ when LooksLikeHtml(bytes)
                => "an HTML page, not a table (a failed download or an error page saved as the file?)",
            _ when bytes.Contains((byte)0)
                => "binary data, not a text table (it contains NUL bytes)",
            _ => null,
        };
        if (what is not null)
        {
            throw new BadInputException($"{label} {path}: is {what}.");
        }
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var start = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Checks an output file: "-" means standard output (results and notes then go to standard error); otherwise the
    /// destination must not be an input, a folder, a block device or socket, and its folder must be writable. Stale
    /// temporary files of a killed run in its folder are removed. Returns the path to write.
    /// </summary>
    public static string OutputFile(string path, string label)
    {
        if (path == StandardOutput)
        {
            Terminal.SendResultsToStandardError();
            return OperatingSystem.IsWindows() ? throw new BadInputException($"{label} -: standard output is not supported on Windows; give a file name.") : "/dev/stdout";
        }

        var full = Path.GetFullPath(path);
        var (mode, destination) = AtomicFile.Plan(full, $"{label} {full}");
        if (mode == AtomicFile.Mode.Direct)
        {
            if (full is "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1")
            {
                Terminal.SendResultsToStandardError();
            }

            return full;
        }

        var folder = Path.GetDirectoryName(destination)!;
        CheckFolderWritable(folder, label, full);
        Sweep(folder, subfolders: false);
        return full;
    }

    /// <summary>
    /// Checks an output folder: it is a folder (or can be created), writable, and none of the files the command writes
    /// there (<paramref name="fileNames"/>, in it or, with <paramref name="subfolders"/>, in its subfolders) is an input.
    /// Stale temporary files of a killed run are removed. Returns the folder's full path.
    /// </summary>
    public static string OutputFolder(string path, string label, IReadOnlyCollection<string> fileNames, bool subfolders = false)
    {
        var full = Path.GetFullPath(path);
        var kind = FileIdentity.Of(full).Kind;
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new BadInputException($"{label} {full}: is a file, but a folder is expected.");
        }

        CheckFolderWritable(full, label, full);
        foreach (var name in fileNames)
        {
            InputProtection.Check(Path.Combine(full, name), $"{label} {full} (its {name})");
        }

        foreach (var (input, inputLabel) in InputProtection.Registered)
        {
            var relative = Path.GetRelativePath(full, input);
            bool inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
            int depth = relative.Count(c => c == Path.DirectorySeparatorChar);
            if (inside && fileNames.Contains(Path.GetFileName(input)) && (depth == 0 || (subfolders && depth == 1)))
            {
                throw new OutputRefusedException(
                    $"refusing to write {label} {full}: the command writes {relative} there, which is the input {inputLabel} {input}; omitrans never writes over its inputs, choose another output folder.");
            }
        }

        Sweep(full, subfolders);
        return full;
    }

    /// <summary>Removes the temporary files a killed run left in a folder, and says so.</summary>
    public static void Sweep(string folder, bool subfolders)
    {
        var stale = TemporaryFiles.Sweep(folder, subfolders);
        if (stale.Removed.Count > 0)
        {
            Terminal.Note($"Removed {stale.Removed.Count} temporary file(s) left by an interrupted omitrans run: {Preview.Of(stale.Removed.Select(p => Path.GetRelativePath(folder, p)), 3)}.");
        }

        if (stale.Kept.Count > 0)
        {
            Terminal.Warning($"{stale.Kept.Count} omitrans temporary file(s) in {folder} may belong to a run in progress (or could not be removed) and were left: {Preview.Of(stale.Kept.Select(p => Path.GetRelativePath(folder, p)), 3)}.");
        }
    }

    private static void CheckFolderWritable(string folder, string label, string shown)
    {
        // The nearest existing ancestor must be a folder we may write (the tool creates the rest).
        var existing = folder;
        while (FileIdentity.Of(existing).Kind == FileKind.Missing && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var kind = FileIdentity.Of(existing).Kind;
        if (kind != FileKind.Directory)
        {
            throw new BadInputException($"{label} {shown}: {existing} is a file, not a folder.");
        }

        if (!FileIdentity.IsWritable(existing))
        {
            throw new UnauthorizedAccessException($"Permission denied: cannot write {label} {shown}: the folder {existing} is not writable.");
        }
    }
}
