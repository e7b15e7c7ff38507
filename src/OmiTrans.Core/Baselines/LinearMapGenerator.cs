using OmiTrans.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>A single linear map from source to target: the linear, ridge and lasso baselines.</summary>
internal sealed record LinearMapGenerator : IGenerator
{
    public const string GeneratorName = "linear";

    public string Name => GeneratorName;

    public nn.Module<Tensor, Tensor> Create(NetworkContext context) => nn.Linear(context.SourceFeatureCount, context.TargetFeatureCount);
}
