namespace OmiTrans.Data.IO;

/// <summary>
/// Gzip data that is truncated or corrupt. Carries the problem only; the table readers, which know the file and the
/// line reached, turn it into an <see cref="OmicsFormatException"/>.
/// </summary>
internal sealed class GzipDataException : IOException
{
    public GzipDataException(string problem)
        : base(problem)
    {
    }
}
