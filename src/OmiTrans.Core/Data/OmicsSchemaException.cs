namespace OmiTrans.Data;

/// <summary>
/// Thrown when two data sets do not fit together: no shared samples, features a model needs are missing, a
/// location table that does not match. The message names the role ("source" or "target") and example ids.
/// </summary>
public sealed class OmicsSchemaException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message, naming the role and example ids.</param>
    public OmicsSchemaException(string message)
        : base(message)
    {
    }
}
