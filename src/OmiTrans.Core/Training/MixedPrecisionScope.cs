using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Turns bfloat16 matrix products on in the networks' linear layers for one epoch's steps, and off again. When a
/// network's optimizer is <see cref="InPlaceAdam"/>, its layers keep bfloat16 copies of their weights that the
/// optimizer updates in the same pass as the float32 weights, so no step casts weights or gradients.
/// </summary>
internal sealed class MixedPrecisionScope : IDisposable
{
    private readonly (nn.Module Module, InPlaceAdam? Optimizer)[] _networks;

    private MixedPrecisionScope((nn.Module Module, InPlaceAdam? Optimizer)[] networks)
    {
        _networks = networks;
        foreach (var (module, optimizer) in networks)
        {
            bool keepCopies = optimizer is not null;
            MixedPrecisionLinear.SetComputeType(module, ScalarType.BFloat16, keepCopies);
            if (optimizer is { } adam)
            {
                adam.UseCopies(MixedPrecisionLinear.Layers(module).SelectMany(l => l.Copies).ToList());
            }
        }
    }

    /// <summary>Enters the scope for each network (with the optimizer that updates it), or returns null when not enabled.</summary>
    public static MixedPrecisionScope? Enter(bool enabled, params (nn.Module? Module, InPlaceAdam? Optimizer)[] networks) =>
        enabled ? new MixedPrecisionScope(networks.Where(n => n.Module is not null).Select(n => (n.Module!, n.Optimizer)).ToArray()) : null;

    /// <summary>The gradients the optimizers will apply to a module's parameters (a copy's gradient where a parameter has one).</summary>
    public static IEnumerable<Tensor> Gradients(nn.Module module, InPlaceAdam? optimizer) =>
        module.parameters().Select(p => optimizer is { } adam ? adam.GradientOf(p) : p.grad).OfType<Tensor>();

    public void Dispose()
    {
        foreach (var (module, optimizer) in _networks)
        {
            optimizer?.UseCopies(null);
            MixedPrecisionLinear.SetComputeType(module, null);
        }
    }
}
