namespace OmiTrans.Data.IO;

/// <summary>
/// Where <see cref="TableLayout.ParseRow"/> puts the values of a row (a struct, so each use is compiled on its own).
/// Value columns are numbered from 0 (the first field after the row id).
/// </summary>
internal interface ICellSink
{
    /// <summary>True to check every field of the row (their number and syntax); false to stop after <see cref="LastColumn"/>.</summary>
    bool CheckWholeRow { get; }

    /// <summary>The last value column wanted (when <see cref="CheckWholeRow"/> is false); -1 for the id alone.</summary>
    int LastColumn { get; }

    /// <summary>Whether the value of a column is wanted (parsed and passed to <see cref="Set"/>).</summary>
    bool Wants(int column);

    void Set(int column, float value);
}

/// <summary>Checks every cell, keeps none (a scan).</summary>
internal readonly struct CheckingSink : ICellSink
{
    public bool CheckWholeRow => true;

    public int LastColumn => int.MaxValue;

    public bool Wants(int column) => true;

    public void Set(int column, float value)
    {
    }
}

/// <summary>Checks every cell and stores the row at <c>values[start + column * stride]</c>.</summary>
internal readonly struct StridedSink(float[] values, long start, long stride) : ICellSink
{
    public bool CheckWholeRow => true;

    public int LastColumn => int.MaxValue;

    public bool Wants(int column) => true;

    public void Set(int column, float value) => values[start + (column * stride)] = value;
}

/// <summary>Reads only the columns first..first+count-1, into <c>values[offset + column - first]</c>.</summary>
internal readonly struct WindowSink(float[] values, long offset, int first, int count) : ICellSink
{
    public bool CheckWholeRow => false;

    public int LastColumn => first + count - 1;

    public bool Wants(int column) => column >= first;

    public void Set(int column, float value) => values[offset + column - first] = value;
}

/// <summary>Reads the columns that a map sends to a destination row: <c>values[map[column] * count + index]</c>.</summary>
internal readonly struct MappedSink(float[] values, int[] map, int lastMapped, int count, int index) : ICellSink
{
    public bool CheckWholeRow => false;

    public int LastColumn => lastMapped;

    public bool Wants(int column) => map[column] >= 0;

    public void Set(int column, float value) => values[((long)map[column] * count) + index] = value;
}
