using System.Diagnostics;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>Runs the tool and checks the outcomes the failure-mode table promises (docs/failure-modes.md).</summary>
internal static class Tool
{
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) => CliProcess.Run(arguments);

    /// <summary>Exit code 0.</summary>
    public static void ShouldSucceed(this (int ExitCode, string Output, string Error) run)
    {
        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().NotContain("omitrans: error:");
        NoControlCharacters(run.Error);
    }

    /// <summary>
    /// The exit code, exactly one "omitrans: error:" line on standard error containing every fragment (the place: a
    /// path, a line and column, an option), no control character on standard error, and nothing on standard output.
    /// </summary>
    public static string ShouldFail(this (int ExitCode, string Output, string Error) run, int exitCode, params string[] fragments)
    {
        run.ExitCode.Should().Be(exitCode, run.Error);
        var errors = run.Error.Split('\n').Where(l => l.StartsWith("omitrans: error:", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle($"one error line, got: {run.Error}");
        foreach (var fragment in fragments)
        {
            errors[0].Should().Contain(fragment);
        }

        NoControlCharacters(run.Error);
        return errors[0];
    }

    /// <summary>The warning lines ("omitrans: warning: ...") of a run.</summary>
    public static IReadOnlyList<string> Warnings(this (int ExitCode, string Output, string Error) run)
        => run.Error.Split('\n').Where(l => l.StartsWith("omitrans: warning:", StringComparison.Ordinal)).ToList();

    public static void NoControlCharacters(string text)
        => text.Where(c => char.IsControl(c) && c is not '\n' and not '\r').Select(c => $"U+{(int)c:X4}").Should().BeEmpty("control characters are escaped before they reach the terminal");

    /// <summary>Temporary files of the library (current or earlier naming) anywhere under a folder.</summary>
    public static IReadOnlyList<string> Temporaries(string folder)
        => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"\.(tmp|chunks)$|omitrans-\d+-[0-9a-f]{32}"))
            .ToList();

    /// <summary>Runs a program other than the tool (mkfifo, mknod, setpriv, kill).</summary>
    public static int Shell(string fileName, params string[] arguments) => CliProcess.RunProcess(fileName, arguments, TimeSpan.FromMinutes(1)).ExitCode;

    /// <summary>Whether this process runs as root (permission checks do not apply to root).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>
    /// Runs the tool as the unprivileged user nobody (through setpriv, when this process is root and it exists), so
    /// that file permissions apply; null when that is not possible.
    /// </summary>
    public static (int ExitCode, string Output, string Error)? RunAsNobody(params string[] arguments)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (!IsRoot)
        {
            return Run(arguments);
        }

        if (!File.Exists("/usr/bin/setpriv"))
        {
            return null;
        }

        var dotnet = Process.GetCurrentProcess().MainModule?.FileName is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        return CliProcess.RunProcess(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", dotnet, CliProcess.ToolPath, .. arguments],
            TimeSpan.FromMinutes(2));
    }
}
