using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The paper's 1D U-Net for any source and target lengths: the source profile is padded to a multiple of
/// 2^depth, passes an encoder of double convolutions with max-pooling (channels doubling at each stage) and a
/// decoder of transposed convolutions with skip connections, and leaves through a 1x1 convolution. The result,
/// cropped to the source length, is resampled to the target length by linear interpolation and given a learned
/// scale and offset per target feature.
/// </summary>
internal sealed class UNet1dModule : nn.Module<Tensor, Tensor>
{
    private readonly long _sourceLength;
    private readonly long _paddedLength;
    private readonly long _targetLength;
    private readonly DoubleConv1d input;
    private readonly ModuleList<DownSample1d> down;
    private readonly ModuleList<UpSample1d> up;
    private readonly nn.Module<Tensor, Tensor> output;
    private readonly Parameter scale;
    private readonly Parameter offset;

    public UNet1dModule(UNetGenerator settings, NetworkContext context)
        : base(nameof(UNet1dModule))
    {
        _sourceLength = context.SourceFeatureCount;
        _targetLength = context.TargetFeatureCount;
        long multiple = 1L << settings.Depth;
        _paddedLength = (_sourceLength + multiple - 1) / multiple * multiple;
        long c = settings.BaseChannels;
        int k = settings.KernelSize;
        input = new DoubleConv1d(1, c, k, settings.Normalization, settings.LeakyReluSlope);
        down = new ModuleList<DownSample1d>();
        up = new ModuleList<UpSample1d>();
        for (int stage = 0; stage < settings.Depth; stage++)
        {
            double p = stage % 2 == 1 ? settings.DropoutProbability : 0;
            down.Add(new DownSample1d(c << stage, c << (stage + 1), 2, k, settings.Normalization, settings.LeakyReluSlope, p, context.Random));
        }

        for (int stage = settings.Depth - 1; stage >= 0; stage--)
        {
            double p = (settings.Depth - 1 - stage) % 2 == 1 ? settings.DropoutProbability : 0;
            up.Add(new UpSample1d(c << (stage + 1), c << stage, k, settings.Normalization, settings.LeakyReluSlope, p, context.Random));
        }

        output = new GemmConv1d(c, 1, 1);
        scale = new Parameter(ones(_targetLength));
        offset = new Parameter(zeros(_targetLength));
        RegisterComponents();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        var x = source.unsqueeze(1);
        if (_paddedLength > _sourceLength)
        {
            x = nn.functional.pad(x, [0, _paddedLength - _sourceLength]);
        }

        var skips = new List<Tensor> { input.call(x) };
        foreach (var stage in down)
        {
            skips.Add(stage.call(skips[^1]));
        }

        var y = skips[^1];
        int level = skips.Count - 2;
        foreach (var stage in up)
        {
            y = stage.call(y, skips[level--]);
        }

        y = output.call(y).narrow(2, 0, _sourceLength);
        if (_sourceLength != _targetLength)
        {
            y = nn.functional.interpolate(y, [_targetLength], mode: InterpolationMode.Linear, align_corners: true);
        }

        return y.squeeze(1).mul(scale).PlusInPlace(offset).MoveToOuterDisposeScope();
    }
}
