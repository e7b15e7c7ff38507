using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Linear, then normalisation, then dropout, then LeakyReLU: the paper's FC block.</summary>
internal sealed class FullyConnectedBlock : nn.Module<Tensor, Tensor>
{
    private readonly MixedPrecisionLinear linear;
    private readonly FeatureNorm norm;
    private readonly SeededDropout dropout;
    private readonly Scalar _slope;

    public FullyConnectedBlock(long inputWidth, long outputWidth, FeatureNormalization normalization, double dropoutProbability, double leakySlope, Generator random)
        : base(nameof(FullyConnectedBlock))
    {
        linear = new MixedPrecisionLinear(inputWidth, outputWidth);
        norm = new FeatureNorm(outputWidth, normalization);
        dropout = new SeededDropout(dropoutProbability, random);
        _slope = HeldScalars.Constant(leakySlope);
        RegisterComponents();
    }

    /// <summary>The block's linear layer.</summary>
    public MixedPrecisionLinear Linear => linear;

    /// <summary>
    /// Whether the block's normalisation has neither parameters nor statistics (per-sample or none), so that
    /// <see cref="AfterLinear"/> may run on several such blocks' outputs stacked along a leading dimension.
    /// </summary>
    public bool HasStatelessNormalization => norm.IsStateless;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return AfterLinear(linear.call(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Normalisation, dropout and LeakyReLU over the last dimension of the linear layer's output.</summary>
    public Tensor AfterLinear(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = norm.call(x);
        x = dropout.call(x);
        return x.LeakyRelu(_slope, inPlace: true).MoveToOuterDisposeScope();
    }
}
