using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// The <see cref="CisGenerator"/> network: per target feature, a two-layer network over its masked neighbourhood of
/// source features, plus a shared fully connected path from all source features.
/// </summary>
internal sealed class CisGeneratorModule : nn.Module<Tensor, Tensor>, IResidualBody
{
    private readonly PerTargetLinear local_hidden;
    private readonly PerTargetLinear local_output;
    private readonly FullyConnectedStack? shared;
    private readonly Tensor neighbours;
    private readonly Tensor neighbour_mask;
    private readonly Scalar _slope;
    private readonly long _targets;
    private readonly long _count;

    public CisGeneratorModule(CisGenerator settings, NetworkContext context, Neighbourhoods neighbourhoods)
        : base(nameof(CisGeneratorModule))
    {
        _targets = neighbourhoods.TargetCount;
        _count = neighbourhoods.Count;
        _slope = HeldScalars.Constant(settings.LeakyReluSlope);
        local_hidden = new PerTargetLinear(_targets, _count, settings.LocalHiddenWidth);
        local_output = new PerTargetLinear(_targets, settings.LocalHiddenWidth, 1);
        if (settings.SharedHiddenWidths.Count > 0)
        {
            shared = new FullyConnectedStack("CisShared", context.SourceFeatureCount, settings.SharedHiddenWidths, context.TargetFeatureCount, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random);
        }

        neighbours = tensor(neighbourhoods.Indices, ScalarType.Int64);
        neighbour_mask = tensor(neighbourhoods.Mask).view(1, _targets, _count);
        register_buffer("neighbours", neighbours);
        register_buffer("neighbour_mask", neighbour_mask);
        RegisterComponents();
    }

    /// <inheritdoc />
    public void ZeroOutput()
    {
        FullyConnectedStack.ZeroParameters(local_output);
        shared?.ZeroOutput();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        long batch = source.shape[0];
        var local = source.index_select(1, neighbours).view(batch, _targets, _count).mul_(neighbour_mask);
        var hidden = local_hidden.call(local).LeakyRelu(_slope, inPlace: true);
        var output = local_output.call(hidden).view(batch, _targets);
        if (shared is not null)
        {
            output = output.PlusInPlace(shared.call(source));
        }

        return output.MoveToOuterDisposeScope();
    }
}
