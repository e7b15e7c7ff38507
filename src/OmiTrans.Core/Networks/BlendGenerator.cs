using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The model kind of a cross-validated translator fit (<see cref="TranslatorSettings.CrossValidation"/>): the trained
/// network of <see cref="Network"/> blended per target with a ridge map (<see cref="Modules.BlendModule"/>). Never
/// trained as such; it describes the fitted model so that the model file can rebuild it.
/// </summary>
internal sealed record BlendGenerator : IGenerator
{
    public const string GeneratorName = "cv-blend";

    /// <summary>The trained network's generator.</summary>
    public required IGenerator Network { get; init; }

    public string Name => GeneratorName;

    public double LeakyReluSlope => Network.LeakyReluSlope;

    public nn.Module<Tensor, Tensor> Create(NetworkContext context) =>
        new Modules.BlendModule(Network.Create(context), context.SourceFeatureCount, context.TargetFeatureCount);
}
