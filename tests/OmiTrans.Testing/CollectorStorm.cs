namespace OmiTrans.Testing;

/// <summary>
/// Forces full, compacting garbage collections and runs finalizers on a background thread, back to back, until
/// disposed. Native objects (TorchSharp Scalars and Tensors) that nothing holds are then freed within microseconds of
/// becoming unreachable, so a use-after-free that a normal run hits once in hours shows at once.
/// </summary>
public sealed class CollectorStorm : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public CollectorStorm()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "collector storm" };
        _thread.Start();
    }

    /// <summary>How many full collections ran.</summary>
    public long Collections { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            Collections++;
        }
    }
}
