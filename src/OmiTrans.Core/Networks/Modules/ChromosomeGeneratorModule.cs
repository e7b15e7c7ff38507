using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The original's per-chromosome generator: one small dense block per chromosome group of the source (groups from
/// the location table, unplaced features as their own group), concatenated, then a fully connected stack and a
/// plain linear output layer (no dropout on the output, unlike the original).
/// </summary>
internal sealed class ChromosomeGeneratorModule : nn.Module<Tensor, Tensor>
{
    private readonly ChromosomeBlocks _chromosomes;
    private readonly ModuleList<FullyConnectedBlock> groups;
    private readonly FullyConnectedStack stack;

    public ChromosomeGeneratorModule(FcChromosomeGenerator settings, NetworkContext context, IReadOnlyList<FeatureGroup> sourceGroups)
        : base(nameof(ChromosomeGeneratorModule))
    {
        _chromosomes = ChromosomeBlocks.Create(sourceGroups, settings.GroupWidth, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random);
        groups = _chromosomes.Blocks;
        stack = new FullyConnectedStack(
            "ChromosomeStack", _chromosomes.OutputWidth, settings.HiddenWidths, context.TargetFeatureCount, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random);
        RegisterComponents();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        return stack.call(_chromosomes.Forward(source)).MoveToOuterDisposeScope();
    }
}
