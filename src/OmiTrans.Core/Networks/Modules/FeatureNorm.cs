using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>The normalisation of one fully connected block, over the last dimension.</summary>
internal sealed class FeatureNorm : nn.Module<Tensor, Tensor>
{
    private readonly long _width;
    private readonly FeatureNormalization _kind;
    private readonly nn.Module<Tensor, Tensor>? norm;

    public FeatureNorm(long width, FeatureNormalization kind)
        : base(nameof(FeatureNorm))
    {
        _width = width;
        _kind = kind;
        norm = kind switch
        {
            FeatureNormalization.LayerNorm => nn.LayerNorm(width),
            FeatureNormalization.BatchNorm => new BatchNormalization1d(width),
            _ => null,
        };
        RegisterComponents();
    }

    /// <summary>Whether the normalisation has neither parameters nor running statistics (per-sample or none).</summary>
    public bool IsStateless => norm is null;

    public override Tensor forward(Tensor input) => _kind switch
    {
        FeatureNormalization.PerSample => nn.functional.layer_norm(input, [_width]),
        FeatureNormalization.None => input.alias(),
        _ => norm!.call(input),
    };
}
