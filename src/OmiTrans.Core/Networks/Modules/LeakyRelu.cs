using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>LeakyReLU as a module, with its slope held for the process (nn.LeakyReLU converts it at every call).</summary>
internal sealed class LeakyRelu : nn.Module<Tensor, Tensor>
{
    private readonly Scalar _slope;

    public LeakyRelu(double slope)
        : base("LeakyReLU")
    {
        _slope = HeldScalars.Constant(slope);
    }

    public override Tensor forward(Tensor input) => input.LeakyRelu(_slope);
}
