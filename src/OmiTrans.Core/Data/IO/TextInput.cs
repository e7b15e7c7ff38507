using System.IO.Compression;

namespace OmiTrans.Data.IO;

/// <summary>Opens a file for reading, transparently decompressing gzip (recognised by its magic bytes).</summary>
internal static class TextInput
{
    public const int BufferSize = 1 << 20;

    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferSize);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static char DelimiterFor(string path, char? configured)
    {
        if (configured is { } c)
        {
            return c;
        }

        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ',' : '\t';
    }
}
