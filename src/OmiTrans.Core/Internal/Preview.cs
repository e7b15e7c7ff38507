namespace OmiTrans.Internal;

/// <summary>Formats the first few items of a list for error messages and reports.</summary>
internal static class Preview
{
    public static string Of(IEnumerable<string> items, int max = 5)
    {
        var list = items.Take(max + 1).ToList();
        var shown = string.Join(", ", list.Take(max));
        return list.Count > max ? shown + ", ..." : shown;
    }
}
