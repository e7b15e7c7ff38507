using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>A chain of fully connected blocks followed by a plain linear output layer.</summary>
internal sealed class FullyConnectedStack : nn.Module<Tensor, Tensor>, IResidualBody
{
    private readonly ModuleList<FullyConnectedBlock> blocks;
    private readonly MixedPrecisionLinear output;

    public FullyConnectedStack(string name, long inputWidth, IReadOnlyList<int> hiddenWidths, long outputWidth, FeatureNormalization normalization, double dropoutProbability, double leakySlope, Generator random)
        : base(name)
    {
        blocks = new ModuleList<FullyConnectedBlock>();
        long width = inputWidth;
        foreach (var hidden in hiddenWidths)
        {
            blocks.Add(new FullyConnectedBlock(width, hidden, normalization, dropoutProbability, leakySlope, random));
            width = hidden;
        }

        output = new MixedPrecisionLinear(width, outputWidth);
        RegisterComponents();
    }

    /// <inheritdoc />
    public void ZeroOutput() => ZeroParameters(output);

    /// <summary>Zeroes a layer's own parameters (not its children's), without recording the change for autograd.</summary>
    internal static void ZeroParameters(nn.Module layer)
    {
        using var noGrad = no_grad();
        foreach (var (_, parameter) in layer.named_parameters(recurse: false))
        {
            parameter.zero_();
        }
    }

    public override Tensor forward(Tensor input) => From(0, input);

    /// <summary>
    /// The stack applied to [<paramref name="first"/>, <paramref name="second"/>] concatenated along the features,
    /// without forming the concatenation (<see cref="MixedPrecisionLinear.ForwardConcatenated"/>).
    /// </summary>
    public Tensor ForwardConcatenated(Tensor first, Tensor second, int secondRepeats = 1)
    {
        using var scope = NewDisposeScope();
        if (blocks.Count == 0)
        {
            return output.ForwardConcatenated(first, second, secondRepeats).MoveToOuterDisposeScope();
        }

        return From(1, blocks[0].AfterLinear(blocks[0].Linear.ForwardConcatenated(first, second, secondRepeats))).MoveToOuterDisposeScope();
    }

    /// <summary>The blocks from index <paramref name="first"/> on, then the output layer.</summary>
    private Tensor From(int first, Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (int i = first; i < blocks.Count; i++)
        {
            x = blocks[i].call(x);
        }

        return output.call(x).MoveToOuterDisposeScope();
    }
}
