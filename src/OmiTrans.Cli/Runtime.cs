namespace OmiTrans.Cli;

/// <summary>Process-wide settings the tool (an application, unlike the library) may change.</summary>
internal static class Runtime
{
    /// <summary>Sets libtorch's intra-op threads: the given count, or one per core when 0.</summary>
    public static void ApplyThreads(int threads)
    {
        TorchRuntime.EnsureLoaded();
        int count = threads > 0 ? threads : Environment.ProcessorCount;
        TorchSharp.torch.set_num_threads(count);
    }
}
