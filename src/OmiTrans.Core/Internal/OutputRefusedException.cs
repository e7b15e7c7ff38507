namespace OmiTrans.Internal;

/// <summary>
/// A write the library refuses before touching anything: the destination is one of the inputs of the run, a folder,
/// or a block device.
/// </summary>
internal sealed class OutputRefusedException : IOException
{
    public OutputRefusedException(string message)
        : base(message)
    {
    }

    public OutputRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputRefusedException()
    {
    }
}
