namespace OmiTrans.Cli;

/// <summary>A problem with what the user gave the tool (a path, an option, a folder's contents): exit code 2, one line.</summary>
internal sealed class BadInputException : Exception
{
    public BadInputException(string message)
        : base(message)
    {
    }

    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BadInputException()
    {
    }
}
