namespace OmiTrans.Data.IO;

/// <summary>
/// CRC-32 as gzip uses it (ISO 3309 / ITU-T V.42: polynomial 0xEDB88320 reflected, initial value and final XOR
/// 0xFFFFFFFF), table-driven eight bytes at a time ("slicing by 8").
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state;

    public Crc32()
    {
        _state = 0xFFFFFFFFu;
    }

    /// <summary>The CRC-32 of the bytes appended so far.</summary>
    public readonly uint Value => ~_state;

    /// <summary>The CRC-32 of one span.</summary>
    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        uint crc = _state;
        var table = Table.AsSpan();
        int i = 0;
        while (data.Length - i >= 8)
        {
            uint low = crc ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            uint high = (uint)(data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
            crc = table[(7 * 256) + (int)(low & 0xFF)] ^ table[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((low >> 16) & 0xFF)] ^ table[(4 * 256) + (int)(low >> 24)]
                ^ table[(3 * 256) + (int)(high & 0xFF)] ^ table[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ table[256 + (int)((high >> 16) & 0xFF)] ^ table[(int)(high >> 24)];
            i += 8;
        }

        for (; i < data.Length; i++)
        {
            crc = table[(int)((crc ^ data[i]) & 0xFF)] ^ (crc >> 8);
        }

        _state = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
