using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The paper's conditional CNN discriminator for any lengths: a target branch and a source branch (double
/// convolutions; the source branch is resampled to the target length), concatenated along the channels, then
/// down-sampling stages (max-pooling by 4 and a double convolution, channels doubling up to 8x) and a final
/// convolution to one channel: one raw logit per patch of the target.
/// </summary>
internal sealed class ConvolutionalDiscriminatorModule : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly long _targetLength;
    private readonly DoubleConv1d targetBranch;
    private readonly DoubleConv1d sourceBranch;
    private readonly ModuleList<DownSample1d> stages;
    private readonly nn.Module<Tensor, Tensor> output;

    public ConvolutionalDiscriminatorModule(ConvolutionalDiscriminator settings, NetworkContext context)
        : base(nameof(ConvolutionalDiscriminatorModule))
    {
        _targetLength = context.TargetFeatureCount;
        long c = settings.BaseChannels;
        int k = settings.KernelSize;
        targetBranch = new DoubleConv1d(1, c, k, settings.Normalization, settings.LeakyReluSlope);
        sourceBranch = new DoubleConv1d(1, c, k, settings.Normalization, settings.LeakyReluSlope);
        stages = new ModuleList<DownSample1d>();
        long channels = 2 * c;
        long length = _targetLength;
        for (int i = 0; i < settings.MaxStages && length >= 4 * settings.PoolFactor; i++)
        {
            long next = Math.Min(channels * 2, 8 * c);
            stages.Add(new DownSample1d(channels, next, settings.PoolFactor, k, settings.Normalization, settings.LeakyReluSlope, settings.DropoutProbability, context.Random));
            channels = next;
            length /= settings.PoolFactor;
        }

        output = new GemmConv1d(channels, 1, 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor target, Tensor source)
    {
        using var scope = NewDisposeScope();
        var t = targetBranch.call(target.unsqueeze(1));
        var s = sourceBranch.call(source.unsqueeze(1));
        if (s.shape[2] != _targetLength)
        {
            s = nn.functional.interpolate(s, [_targetLength], mode: InterpolationMode.Linear, align_corners: true);
        }

        var x = cat([t, s], 1);
        foreach (var stage in stages)
        {
            x = stage.call(x);
        }

        return output.call(x).flatten(1).MoveToOuterDisposeScope();
    }
}
