using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Passes a generator's output through a sigmoid (used with a distance loss defined on [0, 1]).</summary>
internal sealed class SigmoidOutput : nn.Module<Tensor, Tensor>, IAuxiliaryLossSource
{
    private readonly nn.Module<Tensor, Tensor> inner;

    public SigmoidOutput(nn.Module<Tensor, Tensor> inner)
        : base(nameof(SigmoidOutput))
    {
        this.inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var raw = inner.call(input);
        return raw.sigmoid();
    }

    public Tensor? TakeAuxiliaryLoss() => (inner as IAuxiliaryLossSource)?.TakeAuxiliaryLoss();
}
