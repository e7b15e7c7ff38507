namespace OmiTrans.Testing;

/// <summary>A fact that runs only where CUDA is available (it is skipped, with the reason, elsewhere).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!TorchRuntime.IsLoaded || !TorchSharp.torch.cuda.is_available())
        {
            Skip = "CUDA is not available on this machine.";
        }
    }
}
