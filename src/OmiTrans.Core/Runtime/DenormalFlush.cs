using System.Runtime.InteropServices;

namespace OmiTrans.Runtime;

/// <summary>
/// Makes the CPU flush denormal floats to zero on the calling thread, through libtorch's own
/// <c>at::globalContext().setFlushDenormal(true)</c> (PyTorch's <c>torch.set_flush_denormal</c>, which TorchSharp does
/// not expose). Weights and activations drifting into the denormal range make x86 arithmetic 10-100x slower late in
/// training; flushing them changes results only below 1e-38. The setting is per thread (and inherited by threads
/// created afterwards, such as the OpenMP workers). Process-wide tuning, so the library never applies it: an application
/// opts in by calling <see cref="Apply"/> on its main thread before the first tensor (the omitrans tool does).
/// A no-op where the symbols are not found (other platforms or libtorch builds).
/// </summary>
public static class DenormalFlush
{
    private static readonly Lazy<Action?> Native = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static bool _applied;

    /// <summary>Enables flushing on the current thread (once per thread) and the threads it creates afterwards.</summary>
    public static void Apply()
    {
        if (_applied)
        {
            return;
        }

        _applied = true;
        Native.Value?.Invoke();
    }

    private static unsafe Action? Resolve()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(DenormalFlush).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            || !NativeLibrary.TryGetExport(library, "_ZN2at7Context16setFlushDenormalEb", out var setFlushDenormal))
        {
            return null;
        }

        var context = (delegate* unmanaged<nint>)globalContext;
        var set = (delegate* unmanaged<nint, byte, byte>)setFlushDenormal;
        return () => set(context(), 1);
    }
}
