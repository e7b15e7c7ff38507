using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Inverted dropout whose masks come from an explicit generator, so a seed reproduces training exactly.</summary>
internal sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _probability;
    private readonly Generator _random;

    public SeededDropout(double probability, Generator random)
        : base(nameof(SeededDropout))
    {
        _probability = probability;
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
        var keep = rand(input.shape, dtype: input.dtype, device: input.device, generator: _random).ge_(_probability);
        return input.mul(keep).div_(1 - _probability).MoveToOuterDisposeScope();
    }
}
