using System.Runtime.InteropServices;
using TorchSharp;

namespace OmiTrans.Runtime;

/// <summary>Checks, once per process, that TorchSharp's native libraries load, and explains why when they do not.</summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether TorchSharp's native libraries loaded in this process.</summary>
    public static bool IsLoaded => LoadFailure.Value is null;

    /// <summary>Loads TorchSharp's native libraries if needed.</summary>
    /// <exception cref="TorchRuntimeException">They cannot be loaded; the message names the cause and the remedy.</exception>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw failure;
        }
    }

    private static Exception? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception ex) when (ex is TypeInitializationException or NotSupportedException or DllNotFoundException or InvalidOperationException)
        {
            return new TorchRuntimeException(Diagnose(ex), ex);
        }
    }

    /// <summary>Builds the message for a load failure from what the dynamic loader says about the native library.</summary>
    internal static string Diagnose(Exception failure)
    {
        var candidates = NativeLibraryCandidates().Where(File.Exists).ToList();
        if (candidates.Count == 0)
        {
            return "TorchSharp's native library (LibTorchSharp) was not found next to the application. "
                + "Add a native TorchSharp package to the application project: TorchSharp-cpu, or TorchSharp-cuda-linux / "
                + "TorchSharp-cuda-windows on a GPU machine (OmiTrans.Core references only the managed TorchSharp package). "
                + $"TorchSharp said: {Innermost(failure).Message}";
        }

        foreach (var path in candidates)
        {
            string? loaderError = LoaderError(path);
            if (loaderError is null)
            {
                continue;
            }

            return ExplainLoaderError(path, loaderError);
        }

        return $"TorchSharp failed to initialise although its native library loads ({candidates[0]}). TorchSharp said: {Innermost(failure).Message}";
    }

    /// <summary>Turns the dynamic loader's message into a diagnosis with a remedy.</summary>
    internal static string ExplainLoaderError(string path, string loaderError)
    {
        var glibcxx = System.Text.RegularExpressions.Regex.Match(loaderError, @"GLIBCXX_[0-9.]+");
        if (glibcxx.Success)
        {
            return $"TorchSharp's native library cannot be loaded: the system libstdc++ lacks {glibcxx.Value} ({loaderError.Trim()}). "
                + "TorchSharp 0.107 was built with GCC 13; Debian 12 and Ubuntu 22.04 ship an older libstdc++. "
                + "OmiTrans.Core's build step marks that requirement weak in the application's build output on Linux; it has not been applied to "
                + $"'{path}'. Rebuild the application on this machine (dotnet build or dotnet publish with OmiTrans.Core referenced, "
                + "without OmiTransSkipNativeFix=true), or install libstdc++ from GCC 13 or later.";
        }

        if (loaderError.Contains("libtorch", StringComparison.OrdinalIgnoreCase) || loaderError.Contains("libc10", StringComparison.OrdinalIgnoreCase))
        {
            return $"TorchSharp's native library cannot find libtorch ({loaderError.Trim()}). Add TorchSharp-cpu (or a CUDA bundle) to the application project and rebuild.";
        }

        return $"TorchSharp's native library '{path}' cannot be loaded: {loaderError.Trim()}";
    }

    private static string? LoaderError(string path)
    {
        try
        {
            var handle = NativeLibrary.Load(path);
            NativeLibrary.Free(handle);
            return null;
        }
        catch (DllNotFoundException ex)
        {
            return ex.Message;
        }
        catch (BadImageFormatException ex)
        {
            return ex.Message;
        }
    }

    private static IEnumerable<string> NativeLibraryCandidates()
    {
        string file = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var folders = new List<string> { AppContext.BaseDirectory };
        var torchSharpFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpFolder))
        {
            folders.Add(torchSharpFolder);
        }

        foreach (var folder in folders.Distinct())
        {
            yield return Path.Combine(folder, file);
            yield return Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
            yield return Path.Combine(folder, "runtimes", PortableRid(), "native", file);
        }
    }

    private static string PortableRid()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            _ => "x64",
        };
        return $"{os}-{arch}";
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
