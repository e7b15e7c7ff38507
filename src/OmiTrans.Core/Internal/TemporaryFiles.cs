using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OmiTrans.Internal;

/// <summary>What a sweep of an output folder found: temporary files of earlier, killed runs.</summary>
/// <param name="Removed">Stale temporary files removed.</param>
/// <param name="Kept">Temporary files left alone (a live process may own them, or they could not be removed).</param>
internal sealed record StaleTemporaries(IReadOnlyList<string> Removed, IReadOnlyList<string> Kept);

/// <summary>
/// The temporary files the library creates (atomic writes, chunk spill files): named
/// <c>.NAME.omitrans-PID-GUID.KIND</c> next to the file they become, so that the files of a killed run can be
/// recognised as the library's own (by the pattern and a process id that no longer runs) and removed by the next run
/// into that folder. The files of this process are tracked so that a forced exit can remove them.
/// </summary>
internal static partial class TemporaryFiles
{
    private const string Marker = "omitrans-";

    private static readonly ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);

    /// <summary>A new temporary path in a folder, for a file that becomes <paramref name="fileName"/>; tracked until forgotten.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="fileName">The name of the file it stands for.</param>
    /// <param name="kind">The extension: tmp (becomes the file) or chunks (spill data).</param>
    public static string NewPath(string directory, string fileName, string kind = "tmp")
    {
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $".{fileName}.{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}.{kind}"));
        Live[path] = 0;
        return path;
    }

    /// <summary>Stops tracking a temporary file (it was renamed into place or deleted).</summary>
    public static void Forget(string path) => Live.TryRemove(path, out _);

    /// <summary>Deletes a temporary file if it exists and stops tracking it; never throws for a file that cannot be removed.</summary>
    public static void Delete(string path)
    {
        TryDelete(path);
        Forget(path);
    }

    /// <summary>The temporary files of this process that exist now.</summary>
    public static IReadOnlyList<string> Pending => Live.Keys.ToArray();

    /// <summary>Deletes every temporary file of this process (before a forced exit); returns those deleted.</summary>
    public static IReadOnlyList<string> DeleteAll()
    {
        var deleted = new List<string>();
        foreach (var path in Live.Keys)
        {
            if (File.Exists(path) && TryDelete(path))
            {
                deleted.Add(path);
            }

            Forget(path);
        }

        return deleted;
    }

    /// <summary>Whether a file name follows the library's temporary-file pattern (current, or of earlier versions).</summary>
    public static bool IsTemporaryName(string fileName) => Current().IsMatch(fileName) || Legacy().IsMatch(fileName);

    /// <summary>
    /// Removes the temporary files of earlier runs from a folder (and, with <paramref name="subfolders"/>, from its
    /// direct subfolders): files of the current pattern whose process no longer runs, and files of the pattern of
    /// earlier versions (no process id) not modified for an hour. Other files are never touched.
    /// </summary>
    public static StaleTemporaries Sweep(string directory, bool subfolders = false)
    {
        var removed = new List<string>();
        var kept = new List<string>();
        if (!Directory.Exists(directory))
        {
            return new StaleTemporaries(removed, kept);
        }

        IEnumerable<string> folders = [directory];
        if (subfolders)
        {
            folders = folders.Concat(SafeEnumerate(() => Directory.EnumerateDirectories(directory)));
        }

        foreach (var folder in folders)
        {
            foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(folder, ".*")).Concat(SafeEnumerate(() => Directory.EnumerateFiles(folder, "report.md.*.tmp"))))
            {
                if (Live.ContainsKey(file))
                {
                    continue;
                }

                if (!IsStale(file, Path.GetFileName(file), out bool ours))
                {
                    if (ours)
                    {
                        kept.Add(file);
                    }

                    continue;
                }

                (TryDelete(file) ? removed : kept).Add(file);
            }
        }

        return new StaleTemporaries(removed, kept);
    }

    private static bool IsStale(string path, string name, out bool ours)
    {
        ours = false;
        var current = Current().Match(name);
        if (current.Success)
        {
            ours = true;
            return int.TryParse(current.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid != Environment.ProcessId && !IsRunning(pid);
        }

        if (Legacy().IsMatch(name))
        {
            ours = true;
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromHours(1);
        }

        return false;
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<string> SafeEnumerate(Func<IEnumerable<string>> list)
    {
        try
        {
            return list().ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\..+\.omitrans-(?<pid>[0-9]{1,10})-[0-9a-f]{32}\.(tmp|chunks)$", RegexOptions.CultureInvariant)]
    private static partial Regex Current();

    /// <summary>Earlier versions: <c>.NAME.GUID.tmp</c>, <c>.NAME.GUID.chunks</c>, <c>.NAME.GUID.png</c> and <c>report.md.GUID.tmp</c>.</summary>
    [GeneratedRegex(@"^(\..+|report\.md)\.[0-9a-f]{32}\.(tmp|chunks|png)$", RegexOptions.CultureInvariant)]
    private static partial Regex Legacy();
}
