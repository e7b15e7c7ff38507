using System.Diagnostics;

namespace OmiTrans.Testing;

/// <summary>Runs the omitrans tool of the same build configuration as a child process.</summary>
public static class CliProcess
{
    /// <summary>The tool's assembly: src/OmiTrans.Cli/bin/{configuration}/net10.0/omitrans.dll next to this test build.</summary>
    public static string ToolPath
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Root, "src", "OmiTrans.Cli", "bin", RepositoryPaths.Configuration, RepositoryPaths.Framework, "omitrans.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The omitrans tool is not built at {path}.");
        }
    }

    /// <summary>Starts the tool with output captured.</summary>
    public static Process Start(params string[] arguments) => StartProcess("dotnet", [ToolPath, .. arguments]);

    /// <summary>Runs the tool to completion (at most 3 minutes) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) => RunProcess("dotnet", [ToolPath, .. arguments], TimeSpan.FromMinutes(3));

    /// <summary>Runs the tool with extra environment variables (at most 3 minutes).</summary>
    public static (int ExitCode, string Output, string Error) RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProcess("dotnet", [ToolPath, .. arguments], TimeSpan.FromMinutes(3), environment);

    /// <summary>Runs any program to completion and returns its exit code and output; kills it after the timeout.</summary>
    public static (int ExitCode, string Output, string Error) RunProcess(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = StartProcess(fileName, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static Process StartProcess(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
