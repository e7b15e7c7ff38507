using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>A single linear map from source to target: the linear, ridge and lasso baselines.</summary>
internal sealed record LinearMapGenerator : IGenerator
{
    public const string GeneratorName = "linear";

    public string Name => GeneratorName;

    /// <summary>A zeroed linear layer with nn.Linear's parameter names (so model files of either load): its map is always solved or loaded.</summary>
    public nn.Module<Tensor, Tensor> Create(NetworkContext context) => Networks.Modules.MixedPrecisionLinear.Zeroed(context.SourceFeatureCount, context.TargetFeatureCount);
}
