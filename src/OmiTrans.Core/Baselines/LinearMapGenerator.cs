using OmiTrans.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>A single linear map from source to target: the linear, ridge and lasso baselines.</summary>
internal sealed record LinearMapGenerator : IGenerator
{
    public const string GeneratorName = "linear";

    public string Name => GeneratorName;

    /// <summary>A linear layer with nn.Linear's parameter names (so model files of either load), built without leaving tensors behind.</summary>
    public nn.Module<Tensor, Tensor> Create(NetworkContext context) => new Networks.Modules.MixedPrecisionLinear(context.SourceFeatureCount, context.TargetFeatureCount);
}
