namespace OmiTrans.Testing;

/// <summary>A fact that runs only where a program is on the PATH (skipped, with the reason, elsewhere).</summary>
public sealed class ProgramFactAttribute : FactAttribute
{
    public ProgramFactAttribute(string program)
    {
        Program = program;
        if (Find(program) is null)
        {
            Skip = $"'{program}' is not installed (on Debian 12: apt-get install {program}).";
        }
    }

    /// <summary>The program the test needs.</summary>
    public string Program { get; }

    /// <summary>The full path of a program on the PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
