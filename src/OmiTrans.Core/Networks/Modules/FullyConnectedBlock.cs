using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Linear, then normalisation, then dropout, then LeakyReLU: the paper's FC block.</summary>
internal sealed class FullyConnectedBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> linear;
    private readonly FeatureNorm norm;
    private readonly SeededDropout dropout;
    private readonly double _slope;

    public FullyConnectedBlock(long inputWidth, long outputWidth, FeatureNormalization normalization, double dropoutProbability, double leakySlope, Generator random)
        : base(nameof(FullyConnectedBlock))
    {
        linear = new MixedPrecisionLinear(inputWidth, outputWidth);
        norm = new FeatureNorm(outputWidth, normalization);
        dropout = new SeededDropout(dropoutProbability, random);
        _slope = leakySlope;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = linear.call(input);
        x = norm.call(x);
        x = dropout.call(x);
        return nn.functional.leaky_relu(x, _slope, inplace: true).MoveToOuterDisposeScope();
    }
}
