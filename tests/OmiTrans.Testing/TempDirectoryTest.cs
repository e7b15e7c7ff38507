namespace OmiTrans.Testing;

/// <summary>A test class with its own temporary folder, <see cref="Dir"/>, deleted after each test.</summary>
public abstract class TempDirectoryTest : IDisposable
{
    /// <summary>The test's folder.</summary>
    protected TempDirectory Dir { get; } = new();

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
