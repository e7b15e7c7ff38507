
namespace OmiTrans.Baselines;

/// <summary>
/// TDimpute (Zhou et al. 2020): source, a dense sigmoid layer of 4000 units, a sigmoid output on the [0, 1]-scaled
/// target, trained with the RMSE loss and Adam (1e-4). The target is scaled by its training minimum and maximum (TDimpute
/// divided log-RSEM by a fixed 16.5); the epoch with the best validation score is kept.
/// </summary>
public sealed class TDimputeBaseline : ITranslationMethod
{
    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Network, training, preprocessing and device; null for the defaults.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public TDimputeBaseline(TDimputeOptions? options = null)
    {
        Options = options ?? new TDimputeOptions();
        OptionsValidationException.ThrowIfAny(nameof(TDimputeBaseline), Options.Validate());
    }

    /// <summary>The settings.</summary>
    public TDimputeOptions Options { get; }

    /// <inheritdoc />
    public string Name => "tdimpute";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            var spec = new TDimputeGenerator { HiddenWidth = Options.HiddenWidth };
            var training = Options.Training with { EarlyStoppingPatience = context.Tensors.ValidationCount > 0 ? Options.EarlyStoppingPatience : null };
            var trainer = new NetworkTrainer(new TrainerSetup
            {
                Generator = spec,
                Distance = RmseDistance.Instance,
                Options = training,
                Device = context.Device,
                SourceGroups = context.SourceGroups,
            });
            var trained = trainer.Train(context.Tensors, context.Progress, context.CancellationToken);
            return new CoreResult
            {
                Generator = trained.Generator,
                Random = trained.Random,
                Spec = spec,
                Distance = RmseDistance.Instance,
                Training = training,
                History = trained.History,
            };
        });
}
