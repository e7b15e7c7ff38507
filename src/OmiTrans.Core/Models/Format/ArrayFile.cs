using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace OmiTrans.Models.Format;

/// <summary>
/// The <c>arrays.bin</c> entry of a model file (format version 2): named one-dimensional arrays in a small
/// self-describing little-endian format.
/// </summary>
/// <remarks>
/// <code>
/// magic        8 bytes  "OMTARRAY"
/// version      int32    1
/// count        int32    number of arrays
/// per array:
///   name       uint16 byte length, then UTF-8
///   type       uint8    1 = float32, 2 = UTF-8 strings (each an int32 byte length, then the bytes)
///   length     int64    number of elements
///   bytes      int64    size of the data that follows
///   data
/// </code>
/// Nothing follows the last array.
/// </remarks>
internal static class ArrayFile
{
    public const string EntryName = "arrays.bin";
    private const int Version = 1;
    private const byte Float32 = 1;
    private const byte Utf8Strings = 2;
    private const int MaxArrays = 256;
    private const int MaxNameBytes = 256;
    private const int MaxStringBytes = 1 << 16;
    private static readonly byte[] Magic = "OMTARRAY"u8.ToArray();

    /// <summary>Writes the arrays in order.</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Array Values)> arrays)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(arrays.Count);
        foreach (var (name, values) in arrays)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            writer.Write(checked((ushort)nameBytes.Length));
            writer.Write(nameBytes);
            switch (values)
            {
                case float[] floats:
                    writer.Write(Float32);
                    writer.Write((long)floats.Length);
                    writer.Write((long)floats.Length * sizeof(float));
                    WriteFloats(writer, floats);
                    break;
                case string[] strings:
                    var encoded = strings.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
                    writer.Write(Utf8Strings);
                    writer.Write((long)strings.Length);
                    writer.Write(encoded.Sum(e => sizeof(int) + (long)e.Length));
                    foreach (var e in encoded)
                    {
                        writer.Write(e.Length);
                        writer.Write(e);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Internal error: arrays of {values.GetType().Name} cannot be written.");
            }
        }
    }

    /// <summary>Reads every array, checking each declared length against <paramref name="maxElements"/> and the bytes left before allocating.</summary>
    /// <param name="stream">The entry's content.</param>
    /// <param name="totalBytes">The entry's verified size.</param>
    /// <param name="maxElements">The most elements an array may have.</param>
    /// <param name="origin">The file, for messages.</param>
    /// <exception cref="InvalidDataException">The entry is malformed; the message names the file, the entry and the array.</exception>
    public static Dictionary<string, Array> Read(Stream stream, long totalBytes, long maxElements, string origin)
    {
        string where = $"{origin}: the '{EntryName}' entry";
        var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        long position = 0;
        void Need(long bytes, string what)
        {
            if (bytes < 0 || bytes > totalBytes - position)
            {
                throw new InvalidDataException($"{where} is malformed: {what} needs {bytes} bytes, {totalBytes - position} remain.");
            }

            position += bytes;
        }

        Need(Magic.Length + 8, "the header");
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{where} is not an array file (no OMTARRAY header).");
        }

        int version = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"{where} has array format version {version}; this library reads version {Version}.");
        }

        if (count < 0 || count > MaxArrays)
        {
            throw new InvalidDataException($"{where} declares {count} arrays; at most {MaxArrays} are allowed.");
        }

        var result = new Dictionary<string, Array>(StringComparer.Ordinal);
        for (int a = 0; a < count; a++)
        {
            Need(2, $"array {a + 1}'s name");
            int nameLength = reader.ReadUInt16();
            if (nameLength > MaxNameBytes)
            {
                throw new InvalidDataException($"{where} is malformed: array {a + 1}'s name declares {nameLength} bytes, more than the {MaxNameBytes} allowed.");
            }

            Need(nameLength + 1 + 16, $"array {a + 1}'s header");
            string name = DecodeName(reader.ReadBytes(nameLength), where, a);
            byte type = reader.ReadByte();
            long length = reader.ReadInt64();
            long bytes = reader.ReadInt64();
            string array = $"{where}, array '{name}'";
            if (length < 0 || length > maxElements)
            {
                throw new InvalidDataException($"{array} declares {length} elements; at most {maxElements} are allowed.");
            }

            Need(bytes, $"array '{name}'");
            Array values = type switch
            {
                Float32 when bytes == length * sizeof(float) => ReadFloats(reader, (int)length),
                Float32 => throw new InvalidDataException($"{array} declares {length} float32 values in {bytes} bytes."),
                Utf8Strings => ReadStrings(reader, (int)length, bytes, array),
                _ => throw new InvalidDataException($"{array} has the unknown element type {type}."),
            };

            if (!result.TryAdd(name, values))
            {
                throw new InvalidDataException($"{array} appears twice.");
            }
        }

        if (position != totalBytes)
        {
            throw new InvalidDataException($"{where} is malformed: {totalBytes - position} bytes follow the last array.");
        }

        return result;
    }

    private static string DecodeName(byte[] bytes, string where, int index)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"{where} is malformed: array {index + 1}'s name is not UTF-8.");
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int length)
    {
        var values = new float[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            var ints = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }

        return values;
    }

    private static string[] ReadStrings(BinaryReader reader, int length, long bytes, string array)
    {
        if (bytes < (long)length * sizeof(int))
        {
            throw new InvalidDataException($"{array} declares {length} strings in {bytes} bytes.");
        }

        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var values = new string[length];
        long left = bytes;
        var buffer = new byte[256];
        for (int i = 0; i < length; i++)
        {
            int size = reader.ReadInt32();
            left -= sizeof(int);
            if (size < 0 || size > MaxStringBytes || size > left)
            {
                throw new InvalidDataException($"{array}: string {i + 1} declares {size} bytes ({left} left in the array, at most {MaxStringBytes} allowed).");
            }

            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, buffer.Length * 2)];
            }

            reader.BaseStream.ReadExactly(buffer, 0, size);
            left -= size;
            try
            {
                values[i] = strict.GetString(buffer, 0, size);
            }
            catch (ArgumentException)
            {
                throw new InvalidDataException($"{array}: string {i + 1} is not UTF-8.");
            }
        }

        if (left != 0)
        {
            throw new InvalidDataException($"{array}: {left} bytes follow the last string.");
        }

        return values;
    }
}
