namespace OmiTrans.Data.IO;

/// <summary>
/// Where the members of a gzip file end, as found by a first, fully verified pass (<see cref="GzipReader"/>), so later
/// passes over the unchanged file can skip recomputing the CRC-32: they check each member's length and that its
/// trailer is where, and what, it was.
/// </summary>
internal sealed class GzipMemberMap
{
    /// <summary>Per member: the offset of its trailer in the compressed file, its CRC-32 and its decompressed length.</summary>
    public List<(long TrailerOffset, uint Crc, long Size)> Members { get; } = [];

    /// <summary>True once a pass has verified the whole file (every member and a clean end).</summary>
    public bool Complete { get; set; }
}
