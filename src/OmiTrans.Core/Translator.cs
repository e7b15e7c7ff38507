using Microsoft.Extensions.Logging;

namespace OmiTrans;

/// <summary>
/// OmiTrans: a conditional GAN that translates a source omics into a target omics. Immutable and reusable;
/// <see cref="Fit(TranslationData, IProgress{EpochReport}?, CancellationToken)"/> returns a <see cref="TranslationModel"/>.
/// Create it with <see cref="TranslatorBuilder"/>.
/// </summary>
public sealed class Translator : ITranslationMethod
{
    internal Translator(TranslatorSettings settings)
    {
        Settings = settings;
    }

    /// <summary>The validated settings this translator was built with.</summary>
    public TranslatorSettings Settings { get; }

    /// <inheritdoc />
    public string Name => Settings.Name;

    /// <summary>Pairs the two omics with the configured aligner and splits them with the configured split.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <exception cref="OmicsSchemaException">The omics share no sample, or the split assigns none to training.</exception>
    public TranslationData PrepareData(OmicsMatrix source, OmicsMatrix target)
    {
        var pair = Settings.Aligner.Align(Guard.NotNull(source), Guard.NotNull(target));
        return TranslationData.Create(pair, Settings.Split.For(pair.Source.SampleIds, Settings.Training.Seed));
    }

    /// <summary>Aligns, splits, and fits: the whole workflow from two omics tables.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <param name="progress">Receives a report after each epoch.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The fitted model; dispose it.</returns>
    public TranslationModel Fit(OmicsMatrix source, OmicsMatrix target, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => Fit(PrepareData(source, target), progress, cancellationToken);

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var s = Settings;
        return FitPipeline.Run(s.Name, data, s.Preprocessing, s.Device, s.Logger, progress, cancellationToken, context =>
        {
            // An automatic choice is resolved here, so the trainer, the checkpoint and the model file see the chosen generator.
            var generator = s.Generator is Networks.AutoGenerator auto ? auto.Choose(context.SourceLocations is not null, context.TargetLocations is not null) : s.Generator;
            s.Logger?.LogInformation("{Method}: generator {Generator}", s.Name, generator.Name);
            var trainer = new NetworkTrainer(new TrainerSetup
            {
                Generator = generator,
                Discriminator = s.Discriminator,
                Distance = s.DistanceLoss,
                Options = s.Training,
                Device = context.Device,
                SourceGroups = context.SourceGroups,
                SourceLocations = context.SourceLocations,
                TargetLocations = context.TargetLocations,
                LeakySlope = LeakySlope(generator),
                Checkpoints = s.Checkpoints,
            });
            var trained = trainer.Train(context.Tensors, context.Progress, context.CancellationToken);
            if (RidgeFallback.Applies(s, context.Tensors))
            {
                CoreResult? ridge;
                double networkValue, ridgeValue;
                try
                {
                    (ridge, networkValue, ridgeValue) = RidgeFallback.Compete(context, trained.History, s.Training.SelectionMetric);
                }
                catch
                {
                    trained.Dispose(); // cancelled or failed while fitting ridge: the network is not handed out
                    throw;
                }

                if (ridge is not null)
                {
                    s.Logger?.LogInformation(
                        "{Method}: ridge validates better than the trained {Generator} generator ({Ridge:G4} vs {Network:G4}); the model is the ridge map",
                        s.Name, generator.Name, ridgeValue, networkValue);
                    trained.Dispose();
                    return ridge with
                    {
                        Discriminator = s.Discriminator,
                        Distance = s.DistanceLoss,
                        Training = s.Training,
                        History = trained.History with { SelectedEpoch = 0 },
                    };
                }
            }

            return new CoreResult
            {
                Generator = trained.Generator,
                Random = trained.Random,
                Spec = generator,
                Discriminator = s.Discriminator,
                Distance = s.DistanceLoss,
                Training = s.Training,
                History = trained.History,
            };
        });
    }

    private static double LeakySlope(Networks.IGenerator generator) => generator switch
    {
        Networks.FullyConnectedGenerator g => g.LeakyReluSlope,
        Networks.UNetGenerator g => g.LeakyReluSlope,
        Networks.FcChromosomeGenerator g => g.LeakyReluSlope,
        Networks.VariationalGenerator g => g.LeakyReluSlope,
        Networks.CisGenerator g => g.LeakyReluSlope,
        _ => 0.2,
    };
}
