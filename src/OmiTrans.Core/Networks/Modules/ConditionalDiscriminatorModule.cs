using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>A conditional discriminator that concatenates (target, source) and scores it with a fully connected stack.</summary>
internal sealed class ConditionalDiscriminatorModule : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly FullyConnectedStack stack;

    public ConditionalDiscriminatorModule(FullyConnectedStack stack)
        : base(nameof(ConditionalDiscriminatorModule))
    {
        this.stack = stack;
        RegisterComponents();
    }

    public override Tensor forward(Tensor target, Tensor source)
    {
        using var joined = cat([target, source], 1);
        return stack.call(joined);
    }
}
