namespace OmiTrans.Internal;

/// <summary>
/// The names an enum's values have in a file, fixed explicitly (a renamed member must not change a file format).
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class EnumNames<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _names = [];
    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

    public EnumNames(params (T Value, string Name)[] pairs)
    {
        foreach (var (value, name) in pairs)
        {
            _names.Add(value, name);
            _values.Add(name, value);
        }
    }

    /// <summary>The file name of a value.</summary>
    /// <exception cref="InvalidOperationException">The value has no name (an enum member was added without one).</exception>
    public string Name(T value) => _names.TryGetValue(value, out var name)
        ? name
        : throw new InvalidOperationException($"Internal error: {typeof(T).Name}.{value} has no name in the file format.");

    /// <summary>The value of a file name.</summary>
    /// <exception cref="InvalidDataException">The name is unknown (the message names the file and the field).</exception>
    public T Parse(string? name, string origin, string field) => name is not null && _values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"{origin}: '{name ?? "null"}' is not a known value of {field} ({string.Join(", ", _values.Keys)}).");
}
