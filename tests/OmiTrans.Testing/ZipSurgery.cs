using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace OmiTrans.Testing;

/// <summary>Changes to model files that a damaged disk or a hand-edit would make, for the tests of the loader.</summary>
public static class ZipSurgery
{
    /// <summary>Sets the uncompressed size an entry declares in the zip's central directory (what the loader sees first).</summary>
    public static void SetDeclaredSize(string path, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        int eocd = bytes.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd)) != 0x06054b50)
        {
            eocd--;
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        int offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)).Should().Be(0x02014b50u);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 32));
            if (Encoding.UTF8.GetString(bytes, offset + 46, nameLength) == entryName)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 24), size);
                File.WriteAllBytes(path, bytes);
                return;
            }

            offset += 46 + nameLength + extraLength + commentLength;
        }

        throw new InvalidOperationException($"{path} has no entry {entryName}.");
    }

    /// <summary>The entries of a zip file and their contents, in order.</summary>
    public static List<(string Name, byte[] Content)> ReadEntries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e =>
        {
            using var input = e.Open();
            using var copy = new MemoryStream();
            input.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    /// <summary>
    /// Rewrites a version 2 file with some entries changed and a checksum list that matches them, as a deliberate
    /// edit (or a writer bug) would: the checksums pass, and the loader's other checks must catch the change.
    /// </summary>
    public static void Rewrite(string path, Func<string, byte[], byte[]> change, Func<string, long, long>? declaredBytes = null)
    {
        var entries = ReadEntries(path).Where(e => e.Name != "checksums.sha256").Select(e => (e.Name, Content: change(e.Name, e.Content))).ToList();
        using var output = File.Create(path);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        var list = new StringBuilder("omitrans-checksums 1\n");
        foreach (var (name, content) in entries)
        {
            using (var s = zip.CreateEntry(name).Open())
            {
                s.Write(content);
            }

            long bytes = declaredBytes?.Invoke(name, content.Length) ?? content.Length;
            list.Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append(' ').Append(bytes).Append(' ').Append(name).Append('\n');
        }

        var body = Encoding.UTF8.GetBytes(list.ToString());
        using var checksums = zip.CreateEntry("checksums.sha256", CompressionLevel.NoCompression).Open();
        checksums.Write(body);
        checksums.Write(Encoding.UTF8.GetBytes("end " + Convert.ToHexStringLower(SHA256.HashData(body)) + "\n"));
    }
}
