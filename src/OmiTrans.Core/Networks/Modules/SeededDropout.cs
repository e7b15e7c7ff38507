using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Inverted dropout whose masks come from an explicit generator, so a seed reproduces training exactly.</summary>
internal sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _probability;
    private readonly Scalar _drop;
    private readonly Scalar _keep;
    private readonly Generator _random;

    public SeededDropout(double probability, Generator random)
        : base(nameof(SeededDropout))
    {
        _probability = probability;
        _drop = HeldScalars.Constant(probability);
        _keep = HeldScalars.Constant(1 - probability);
        _random = random;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _probability <= 0)
        {
            return input.alias();
        }

        using var scope = NewDisposeScope();
        var keep = rand(input.shape, dtype: input.dtype, device: input.device, generator: _random).ge_(_drop);
        return input.mul(keep).div_(_keep).MoveToOuterDisposeScope();
    }
}
