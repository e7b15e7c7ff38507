using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>The per-feature mean baseline: every sample is translated to the training mean of each target feature.</summary>
public sealed class MeanBaseline : ITranslationMethod
{
    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Preprocessing and device; null for the defaults.</param>
    public MeanBaseline(BaselineOptions? options = null)
    {
        Options = options ?? new BaselineOptions();
        OptionsValidationException.ThrowIfAny(nameof(MeanBaseline), Options.Preprocessing.Validate());
    }

    /// <summary>The settings.</summary>
    public BaselineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "mean";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            var spec = new ConstantGenerator();
            var random = new Generator(0, context.Device);
            var module = (ConstantGenerator.ConstantModule)spec.Create(new Networks.NetworkContext(context.Preprocessor.SourceFeatureCount, context.Preprocessor.TargetFeatureCount, context.SourceGroups, random));
            using (NewDisposeScope())
            using (no_grad())
            {
                module.Value.copy_(context.Tensors.TrainTarget.mean([0L]).cpu());
            }

            module.to(context.Device);
            return new CoreResult { Generator = module, Random = random, Spec = spec };
        });
}
