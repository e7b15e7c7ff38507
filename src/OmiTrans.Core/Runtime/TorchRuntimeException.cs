namespace OmiTrans.Runtime;

/// <summary>
/// Thrown when TorchSharp's native libraries cannot be loaded. The message names the real cause (for example a
/// missing GLIBCXX version or a missing native package) and what to do.
/// </summary>
public sealed class TorchRuntimeException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The diagnosis.</param>
    /// <param name="innerException">The exception TorchSharp threw.</param>
    public TorchRuntimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
