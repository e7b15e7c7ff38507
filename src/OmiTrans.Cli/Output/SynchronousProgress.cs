namespace OmiTrans.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that handles each report on the reporting thread, in order (unlike Progress&lt;T&gt;, which posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
