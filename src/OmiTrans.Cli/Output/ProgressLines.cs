using System.Diagnostics;

namespace OmiTrans.Cli.Output;

/// <summary>
/// When progress goes to a log rather than a terminal: a line at the first step, at every tenth of the way, at the last
/// step, and whenever <see cref="Interval"/> has passed since the last line, so a log is never silent for long and never
/// flooded (docs/cli.md).
/// </summary>
internal sealed class ProgressLines(long total)
{
    /// <summary>The longest silence between two lines while steps complete.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private long _lastTenth = -1;

    /// <summary>Whether step <paramref name="done"/> (1-based) deserves a line; resets the silence clock when it does.</summary>
    public bool Due(long done)
    {
        long tenth = total <= 0 ? 10 : done * 10 / total;
        bool due = done <= 1 || done >= total || tenth != _lastTenth || _sinceLine.Elapsed >= Interval;
        _lastTenth = tenth;
        if (due)
        {
            _sinceLine.Restart();
        }

        return due;
    }
}
