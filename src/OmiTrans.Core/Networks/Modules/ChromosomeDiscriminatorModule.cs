using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The per-chromosome conditional discriminator: per-chromosome blocks and one block over their concatenation on the
/// source, fully connected blocks on the target, then blocks over both joined and a plain linear layer of logits.
/// </summary>
internal sealed class ChromosomeDiscriminatorModule : nn.Module<Tensor, Tensor, Tensor>, IPairedCritic
{
    private readonly ChromosomeBlocks _chromosomes;
    private readonly ModuleList<FullyConnectedBlock> groups;
    private readonly FullyConnectedBlock source;
    private readonly ModuleList<FullyConnectedBlock> target;
    private readonly FullyConnectedStack joint;

    public ChromosomeDiscriminatorModule(FcChromosomeDiscriminator settings, NetworkContext context, IReadOnlyList<FeatureGroup> sourceGroups)
        : base(nameof(ChromosomeDiscriminatorModule))
    {
        var (norm, dropout, slope) = (settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope);
        _chromosomes = ChromosomeBlocks.Create(sourceGroups, settings.GroupWidth, norm, dropout, slope, context.Random);
        groups = _chromosomes.Blocks;
        source = new FullyConnectedBlock(_chromosomes.OutputWidth, settings.SourceWidth, norm, dropout, slope, context.Random);
        target = new ModuleList<FullyConnectedBlock>();
        long width = context.TargetFeatureCount;
        foreach (var hidden in settings.TargetWidths)
        {
            target.Add(new FullyConnectedBlock(width, hidden, norm, dropout, slope, context.Random));
            width = hidden;
        }

        joint = new FullyConnectedStack("JointStack", width + settings.SourceWidth, settings.JointWidths, settings.OutputLogits, norm, dropout, slope, context.Random);
        RegisterComponents();
    }

    public override Tensor forward(Tensor target, Tensor source)
    {
        using var scope = NewDisposeScope();
        return joint.ForwardConcatenated(Target(target), Source(source)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ScoreRealAndFake(Tensor real, Tensor fake, Tensor source)
    {
        using var scope = NewDisposeScope();
        return joint.ForwardConcatenated(Target(cat([real, fake], 0)), Source(source), secondRepeats: 2).MoveToOuterDisposeScope();
    }

    private Tensor Target(Tensor target)
    {
        using var scope = NewDisposeScope();
        var t = target;
        foreach (var block in this.target)
        {
            t = block.call(t);
        }

        return t.MoveToOuterDisposeScope();
    }

    private Tensor Source(Tensor source) => this.source.call(_chromosomes.Forward(source));
}
