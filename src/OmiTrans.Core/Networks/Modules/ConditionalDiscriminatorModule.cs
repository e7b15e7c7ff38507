using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A conditional discriminator that scores (target, source) concatenated with a fully connected stack. The
/// concatenation is never formed: the first layer's weight is applied to each part (same values, no copy of the
/// source), and the paired call computes the source's part once for the real and the fake batch.
/// </summary>
internal sealed class ConditionalDiscriminatorModule : nn.Module<Tensor, Tensor, Tensor>, IPairedCritic
{
    private readonly FullyConnectedStack stack;

    public ConditionalDiscriminatorModule(FullyConnectedStack stack)
        : base(nameof(ConditionalDiscriminatorModule))
    {
        this.stack = stack;
        RegisterComponents();
    }

    public override Tensor forward(Tensor target, Tensor source) => stack.ForwardConcatenated(target, source);

    /// <inheritdoc />
    public Tensor ScoreRealAndFake(Tensor real, Tensor fake, Tensor source)
    {
        using var scope = NewDisposeScope();
        return stack.ForwardConcatenated(cat([real, fake], 0), source, secondRepeats: 2).MoveToOuterDisposeScope();
    }
}
