using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>Conv1d (same padding, <see cref="GemmConv1d"/>), then normalisation, then LeakyReLU.</summary>
internal sealed class ConvNormAct : nn.Module<Tensor, Tensor>
{
    private readonly GemmConv1d conv;
    private readonly nn.Module<Tensor, Tensor>? norm;
    private readonly Scalar _slope;

    public ConvNormAct(long inputChannels, long outputChannels, long kernelSize, ConvNormalization normalization, double leakySlope)
        : base(nameof(ConvNormAct))
    {
        conv = new GemmConv1d(inputChannels, outputChannels, kernelSize, padding: kernelSize / 2, hasBias: normalization != ConvNormalization.BatchNorm);
        norm = normalization switch
        {
            ConvNormalization.BatchNorm => new BatchNormalization1d(outputChannels),
            ConvNormalization.InstanceNorm => nn.InstanceNorm1d(outputChannels),
            _ => null,
        };
        _slope = HeldScalars.Constant(leakySlope);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv.call(input);
        if (norm is not null)
        {
            x = norm.call(x);
        }

        return x.LeakyRelu(_slope, inPlace: true).MoveToOuterDisposeScope();
    }
}

/// <summary>Two convolution blocks; the length is unchanged (odd kernels).</summary>
internal sealed class DoubleConv1d : nn.Module<Tensor, Tensor>
{
    private readonly ConvNormAct first;
    private readonly ConvNormAct second;

    public DoubleConv1d(long inputChannels, long outputChannels, long kernelSize, ConvNormalization normalization, double leakySlope)
        : base(nameof(DoubleConv1d))
    {
        first = new ConvNormAct(inputChannels, outputChannels, kernelSize, normalization, leakySlope);
        second = new ConvNormAct(outputChannels, outputChannels, kernelSize, normalization, leakySlope);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var x = first.call(input);
        return second.call(x);
    }
}

/// <summary>Max-pooling by a factor, optional dropout, then a double convolution.</summary>
internal sealed class DownSample1d : nn.Module<Tensor, Tensor>
{
    private readonly long _factor;
    private readonly SeededDropout dropout;
    private readonly DoubleConv1d convs;

    public DownSample1d(long inputChannels, long outputChannels, long factor, long kernelSize, ConvNormalization normalization, double leakySlope, double dropoutProbability, Generator random)
        : base(nameof(DownSample1d))
    {
        _factor = factor;
        dropout = new SeededDropout(dropoutProbability, random);
        convs = new DoubleConv1d(inputChannels, outputChannels, kernelSize, normalization, leakySlope);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.max_pool1d(input, _factor);
        x = dropout.call(x);
        return convs.call(x).MoveToOuterDisposeScope();
    }
}

/// <summary>Transposed convolution (×2), concatenation with the skip tensor, optional dropout, double convolution.</summary>
internal sealed class UpSample1d : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> up;
    private readonly SeededDropout dropout;
    private readonly DoubleConv1d convs;

    public UpSample1d(long inputChannels, long outputChannels, long kernelSize, ConvNormalization normalization, double leakySlope, double dropoutProbability, Generator random)
        : base(nameof(UpSample1d))
    {
        up = new GemmConvTranspose1d(inputChannels, outputChannels, 2);
        dropout = new SeededDropout(dropoutProbability, random);
        convs = new DoubleConv1d(2 * outputChannels, outputChannels, kernelSize, normalization, leakySlope);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor skip)
    {
        using var scope = NewDisposeScope();
        var x = up.call(input);
        x = cat([skip, x], 1);
        x = dropout.call(x);
        return convs.call(x).MoveToOuterDisposeScope();
    }
}
