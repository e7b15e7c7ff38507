using Microsoft.Extensions.Logging;

namespace OmiTrans.Training;

/// <summary>
/// Passes each epoch's report on to the caller's progress and writes it to the logger: one Information event per
/// epoch (losses, validation featurewise R², whether it is the best so far, seconds), so a pipeline that only has a
/// logger sees a long fit advance.
/// </summary>
internal sealed class EpochLog(ILogger logger, string method, IProgress<EpochReport>? inner) : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        logger.LogInformation(
            "{Method}: epoch {Epoch}/{Total}: discriminator {Discriminator:G4}, adversarial {Adversarial:G4}, distance {Distance:G4}, validation R²f {ValidationR2:G4}{Best}, {Seconds:F1} s",
            method,
            value.Epoch,
            value.TotalEpochs,
            value.DiscriminatorLoss,
            value.GeneratorAdversarialLoss,
            value.GeneratorDistanceLoss,
            value.ValidationMetrics?.MeanFeaturewiseR2 ?? double.NaN,
            value.IsBest ? " (best)" : string.Empty,
            value.Seconds);
        inner?.Report(value);
    }
}
