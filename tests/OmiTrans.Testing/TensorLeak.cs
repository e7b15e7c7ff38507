using TorchSharp;

namespace OmiTrans.Testing;

/// <summary>Counts the tensors an action leaves alive on the current thread.</summary>
public static class TensorLeak
{
    public static long LiveTensorsAfter(Action action)
    {
        TorchRuntime.EnsureLoaded();
        action();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        DisposeScopeManager.Statistics.Reset();
        action();
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount;
    }
}
