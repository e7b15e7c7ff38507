using OmiTrans.Networks.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>Turns bfloat16 matrix products on in the networks' linear layers for one epoch's steps, and off again.</summary>
internal sealed class MixedPrecisionScope : IDisposable
{
    private readonly nn.Module[] _modules;

    private MixedPrecisionScope(nn.Module[] modules)
    {
        _modules = modules;
        foreach (var module in modules)
        {
            MixedPrecisionLinear.SetComputeType(module, ScalarType.BFloat16);
        }
    }

    public static MixedPrecisionScope? Enter(bool enabled, params nn.Module?[] modules) =>
        enabled ? new MixedPrecisionScope(modules.OfType<nn.Module>().ToArray()) : null;

    public void Dispose()
    {
        foreach (var module in _modules)
        {
            MixedPrecisionLinear.SetComputeType(module, null);
        }
    }
}
