using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// One small linear map per target feature: <c>[batch, targets, in] → [batch, targets, out]</c> with weight
/// <c>[targets, in, out]</c>. Named "…Linear" so the trainer's seeded weight initialisation applies to it.
/// </summary>
internal sealed class PerTargetLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public PerTargetLinear(long targets, long inputWidth, long outputWidth)
        : base(nameof(PerTargetLinear))
    {
        double bound = 1 / Math.Sqrt(inputWidth);
        weight = new Parameter(empty(targets, inputWidth, outputWidth).uniform_(-bound, bound));
        bias = new Parameter(zeros(targets, outputWidth));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return einsum("bti,tio->bto", input, weight).PlusInPlace(bias).MoveToOuterDisposeScope();
    }
}
