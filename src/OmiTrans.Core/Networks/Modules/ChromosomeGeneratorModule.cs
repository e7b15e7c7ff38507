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
    private readonly long[] _starts;
    private readonly long[] _counts;
    private readonly ModuleList<FullyConnectedBlock> groups;
    private readonly FullyConnectedStack stack;

    public ChromosomeGeneratorModule(FcChromosomeGenerator settings, NetworkContext context, IReadOnlyList<FeatureGroup> sourceGroups)
        : base(nameof(ChromosomeGeneratorModule))
    {
        _starts = sourceGroups.Select(g => (long)g.Start).ToArray();
        _counts = sourceGroups.Select(g => (long)g.Count).ToArray();
        groups = new ModuleList<FullyConnectedBlock>();
        foreach (var g in sourceGroups)
        {
            groups.Add(new FullyConnectedBlock(g.Count, settings.GroupWidth, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random));
        }

        stack = new FullyConnectedStack(
            "ChromosomeStack", (long)settings.GroupWidth * sourceGroups.Count, settings.HiddenWidths, context.TargetFeatureCount, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random);
        RegisterComponents();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        var parts = new Tensor[_starts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = groups[i].call(source.narrow(1, _starts[i], _counts[i]));
        }

        return stack.call(cat(parts, 1)).MoveToOuterDisposeScope();
    }
}
