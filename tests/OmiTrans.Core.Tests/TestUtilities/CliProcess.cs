using System.Diagnostics;

namespace OmiTrans.Tests.TestUtilities;

/// <summary>Runs the omitrans tool of the same build configuration as a child process.</summary>
public static class CliProcess
{
    /// <summary>The tool's assembly: src/OmiTrans.Cli/bin/{configuration}/net10.0/omitrans.dll next to this test build.</summary>
    public static string ToolPath
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/OmiTrans.Core.Tests/bin/{config}/net10.0/
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(repository, "src", "OmiTrans.Cli", "bin", configuration, framework, "omitrans.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The omitrans tool is not built at {path}.");
        }
    }

    /// <summary>Starts the tool with output captured.</summary>
    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ToolPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    /// <summary>Runs the tool to completion and returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"omitrans {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
