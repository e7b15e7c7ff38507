using System.Globalization;
using System.Text;

namespace OmiTrans.Training;

/// <summary>The per-epoch record of a fit, and which epoch's generator was kept.</summary>
public sealed record TrainingHistory
{
    /// <summary>One report per epoch run.</summary>
    public required IReadOnlyList<EpochReport> Epochs { get; init; }

    /// <summary>
    /// The epoch whose generator the model holds; 0 when no epoch validated better than the data-fitted starting state
    /// (the ridge shortcut's map) or than the translator's fallback method (<see cref="TranslatorSettings.Fallback"/>), so the model
    /// holds that instead.
    /// </summary>
    public required int SelectedEpoch { get; init; }

    /// <summary>Whether early stopping ended training before the planned epochs.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Total wall-clock seconds of training.</summary>
    public required double Seconds { get; init; }

    /// <summary>
    /// Writes the history as a tab-separated table, one row per epoch: epoch, losses, learning rates, validation
    /// loss and metrics, seconds, and whether the epoch was the best so far. Written atomically.
    /// </summary>
    /// <param name="path">The destination.</param>
    public void WriteTsv(string path)
    {
        string[] metricKeys = ["mse", "rmse", "mae", "medianAe", "meanSamplewiseR2", "meanFeaturewiseR2", "medianFeaturewiseR2", "featuresR2Above03", "percentFeaturesR2Above03"];
        var text = new StringBuilder("epoch\tdLoss\tgAdversarialLoss\tgDistanceLoss\tgLearningRate\tdLearningRate\tvalidationLoss");
        foreach (var key in metricKeys)
        {
            text.Append("\tvalidation_").Append(key);
        }

        text.Append("\tseconds\tbest\n");
        foreach (var e in Epochs)
        {
            text.Append(e.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (var v in new[] { e.DiscriminatorLoss, e.GeneratorAdversarialLoss, e.GeneratorDistanceLoss, e.GeneratorLearningRate, e.DiscriminatorLearningRate, e.ValidationLoss })
            {
                text.Append('\t').Append(Format(v));
            }

            var values = e.ValidationMetrics?.TableValues();
            for (int i = 0; i < metricKeys.Length; i++)
            {
                text.Append('\t').Append(values is null ? "NA" : Format(values[i].Value));
            }

            text.Append('\t').Append(Format(e.Seconds)).Append('\t').Append(e.IsBest ? "1" : "0").Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Format(double value) => double.IsNaN(value) ? "NA" : value.ToString("G6", CultureInfo.InvariantCulture);
}
