using System.Runtime.InteropServices;

namespace OmiTrans.Runtime;

/// <summary>
/// Process-wide native-memory settings that make CPU training faster on Linux (glibc). For applications only: the
/// library never applies them itself; the <c>omitrans</c> tool does at start-up (opt out with
/// <c>OMITRANS_NATIVE_MEMORY_TUNING=0</c>).
/// </summary>
/// <remarks>
/// <para>libtorch allocates every gradient, activation and temporary with <c>malloc</c>. glibc serves blocks above
/// its mmap threshold (at most 32 MB) with a fresh <c>mmap</c> and unmaps them on free, so each training step of a
/// 20,000-feature generator page-faults and zeroes hundreds of megabytes anew: on the bench size that cost about a
/// fifth of the epoch in kernel time (docs/performance.md). <see cref="Apply"/> makes glibc keep freed memory for
/// reuse (no mmap for large blocks, no trimming of the heap top) and asks libtorch to align large blocks to 2 MB and
/// back them with transparent huge pages (its <c>THP_MEM_ALLOC_ENABLE</c> switch).</para>
/// <para>The price: memory freed by libtorch stays with the process until it exits, and fragmentation raises the peak
/// resident set (measured at the bench size, batch 128: 2.47 GB against 1.96 GB without it). Call it before the first
/// tensor is created, once per process.</para>
/// </remarks>
public static class NativeMemoryTuning
{
    private const int MallocTrimThreshold = -1;
    private const int MallocTopPad = -2;
    private const int MallocMmapMax = -4;
    private static int _applied;

    /// <summary>Whether <see cref="Apply"/> changed the allocator settings in this process.</summary>
    public static bool IsApplied => Volatile.Read(ref _applied) == 2;

    /// <summary>
    /// Applies the settings on Linux with glibc, unless the environment variable <c>OMITRANS_NATIVE_MEMORY_TUNING</c>
    /// is <c>0</c>; elsewhere does nothing. Returns whether they are in effect.
    /// </summary>
    public static bool Apply()
    {
        if (Interlocked.CompareExchange(ref _applied, 1, 0) != 0)
        {
            return IsApplied;
        }

        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMITRANS_NATIVE_MEMORY_TUNING") == "0")
        {
            return false;
        }

        try
        {
            // libtorch reads THP_MEM_ALLOC_ENABLE from the native environment at its first allocation; .NET's
            // Environment.SetEnvironmentVariable does not reach the native environment on Unix.
            _ = NativeMethods.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
            bool ok = NativeMethods.mallopt(MallocMmapMax, 0) == 1
                & NativeMethods.mallopt(MallocTrimThreshold, int.MaxValue) == 1
                & NativeMethods.mallopt(MallocTopPad, 64 << 20) == 1;
            Volatile.Write(ref _applied, ok ? 2 : 1);
            return ok;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (for example musl): nothing to tune.
            return false;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", CallingConvention = CallingConvention.Cdecl)]
        public static extern int mallopt(int parameter, int value);

        [DllImport("libc", CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int setenv(string name, string value, int overwrite);
    }
}
