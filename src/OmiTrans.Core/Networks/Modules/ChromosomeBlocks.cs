using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The per-chromosome first layer shared by the per-chromosome generator and discriminator: one fully connected block
/// per contiguous chromosome group of the source, their outputs concatenated. Kept as a helper over the owner's
/// <see cref="ModuleList{T}"/> so the parameter names of saved models stay those of the owner.
/// </summary>
/// <remarks>
/// When the blocks' normalisation is stateless (per-sample or none, the defaults), only the matrix products run per
/// group: their outputs are stacked and normalised, dropped out and activated in one pass each, and with a compute type
/// (bf16) the source is cast once and the stack cast back once. That is the same computation, with the same dropout
/// draws, as running each block on its own (the masks are drawn in group order either way), in about a fifth of the
/// operations: on the bench's 24 chromosome groups the per-operation cost had been a large part of the layer's time.
/// </remarks>
internal sealed class ChromosomeBlocks
{
    private readonly long[] _starts;
    private readonly long[] _counts;
    private readonly bool _stackable;

    private ChromosomeBlocks(IReadOnlyList<FeatureGroup> sourceGroups, ModuleList<FullyConnectedBlock> blocks, int width)
    {
        _starts = sourceGroups.Select(g => (long)g.Start).ToArray();
        _counts = sourceGroups.Select(g => (long)g.Count).ToArray();
        Blocks = blocks;
        OutputWidth = (long)width * sourceGroups.Count;
        _stackable = blocks.All(b => b.HasStatelessNormalization);
    }

    /// <summary>One block per group, in group order.</summary>
    public ModuleList<FullyConnectedBlock> Blocks { get; }

    /// <summary>Width of the concatenated output.</summary>
    public long OutputWidth { get; }

    /// <summary>Creates one block of <paramref name="width"/> outputs per source group.</summary>
    public static ChromosomeBlocks Create(IReadOnlyList<FeatureGroup> sourceGroups, int width, FeatureNormalization normalization, double dropoutProbability, double leakySlope, Generator random)
    {
        var blocks = new ModuleList<FullyConnectedBlock>();
        foreach (var g in sourceGroups)
        {
            blocks.Add(new FullyConnectedBlock(g.Count, width, normalization, dropoutProbability, leakySlope, random));
        }

        return new ChromosomeBlocks(sourceGroups, blocks, width);
    }

    /// <summary>Runs each group's block on its slice of the source and concatenates the results.</summary>
    public Tensor Forward(Tensor source)
    {
        if (!_stackable)
        {
            return ForwardBlockByBlock(source);
        }

        using var scope = NewDisposeScope();
        var parts = new Tensor[_starts.Length];
        var first = Blocks[0];
        var input = first.Linear.ComputeType is { } type && source.dtype != type ? source.to(type) : source;
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Blocks[i].Linear.ForwardInComputeType(input.narrow(1, _starts[i], _counts[i]));
        }

        var stacked = stack(parts, 0);
        if (stacked.dtype != source.dtype)
        {
            stacked = stacked.to(source.dtype);
        }

        return first.AfterLinear(stacked).permute(1, 0, 2).reshape(source.shape[0], OutputWidth).MoveToOuterDisposeScope();
    }

    /// <summary>Each block run on its own: the path for normalisations with state, and the reference the stacked path must equal.</summary>
    internal Tensor ForwardBlockByBlock(Tensor source)
    {
        using var scope = NewDisposeScope();
        var parts = new Tensor[_starts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Blocks[i].call(source.narrow(1, _starts[i], _counts[i]));
        }

        return cat(parts, 1).MoveToOuterDisposeScope();
    }
}
