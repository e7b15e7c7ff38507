namespace OmiTrans.Testing;

/// <summary>Where the repository is, seen from the test build (tests/OmiTrans.Core.Tests/bin/{configuration}/{framework}/).</summary>
public static class RepositoryPaths
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory);

    /// <summary>The repository root.</summary>
    public static string Root { get; } = TestOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>The build configuration of this test run (Debug or Release).</summary>
    public static string Configuration { get; } = TestOutput.Parent!.Name;

    /// <summary>The target framework folder of this test run (net10.0).</summary>
    public static string Framework { get; } = TestOutput.Name;
}
