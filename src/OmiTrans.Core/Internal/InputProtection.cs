using System.Collections.Concurrent;

namespace OmiTrans.Internal;

/// <summary>
/// The input files of the current run (registered by the omitrans tool before it reads them): every write of the
/// library (<see cref="AtomicFile"/>) refuses a destination that is, or resolves to (through symbolic links, hard
/// links or another spelling: same device and inode), one of them.
/// </summary>
internal static class InputProtection
{
    private static readonly ConcurrentDictionary<string, (string Label, FileIdentity Identity)> Inputs = new(StringComparer.Ordinal);

    /// <summary>Registers an input file; <paramref name="label"/> names it in messages (for example "--source").</summary>
    public static void Protect(string path, string label)
    {
        var full = Path.GetFullPath(path);
        Inputs[full] = (label, FileIdentity.Of(full));
    }

    /// <summary>The registered inputs: full path and label.</summary>
    public static IEnumerable<(string Path, string Label)> Registered => Inputs.Select(pair => (pair.Key, pair.Value.Label)).ToArray();

    /// <summary>Forgets every registered input (tests).</summary>
    public static void Clear() => Inputs.Clear();

    /// <summary>The input a destination would overwrite: its label and path, and whether the destination only resolves to it (a link or another spelling).</summary>
    public static (string Label, string Path, bool Linked)? ConflictWith(string destination)
    {
        if (Inputs.IsEmpty)
        {
            return null;
        }

        var full = Path.GetFullPath(destination);
        var identity = FileIdentity.Of(full);
        foreach (var (path, (label, input)) in Inputs)
        {
            bool samePath = string.Equals(path, full, StringComparison.Ordinal);
            if (samePath || identity.SameFileAs(input))
            {
                return (label, path, !samePath);
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="OutputRefusedException"/> when a destination is one of the inputs.</summary>
    /// <param name="destination">The path to be written.</param>
    /// <param name="shownAs">How to name the destination in the message (for example "--out x.tsv"); the path by default.</param>
    public static void Check(string destination, string? shownAs = null)
    {
        if (ConflictWith(destination) is { } input)
        {
            throw new OutputRefusedException(
                $"refusing to write {shownAs ?? destination}: it is the input {input.Label} {input.Path}{(input.Linked ? " (the same file through a link)" : string.Empty)}; omitrans never writes over its inputs, choose another output path.");
        }
    }
}
