using static TorchSharp.torch;

namespace OmiTrans.Fitting;

/// <summary>
/// The last step of an OmiTrans fit with <see cref="TrainingOptions.RidgeFallback"/>: the validated ridge solution
/// competes with the kept epoch on the validation samples, and replaces the network when it validates better.
/// </summary>
internal static class RidgeFallback
{
    /// <summary>The ridge baseline's own penalty grid, so the fallback is exactly that baseline.</summary>
    private static readonly RidgeOptions Ridge = new();

    /// <summary>Whether the fallback applies to a fit with these settings and data.</summary>
    public static bool Applies(TranslatorSettings settings, TrainingTensors tensors)
        => settings.Training.RidgeFallback && !settings.DistanceLoss.RequiresUnitInterval && tensors.ValidationCount > 0;

    /// <summary>
    /// The ridge map as the fit's result when it validates better than the trained network's kept epoch, with the
    /// comparison in the result's details; null when the network is kept.
    /// </summary>
    public static (CoreResult? Ridge, double NetworkValue, double RidgeValue) Compete(FitContext context, TrainingHistory history, SelectionMetric metric)
    {
        int kept = history.SelectedEpoch;
        var keptMetrics = kept >= 1 && kept <= history.Epochs.Count ? history.Epochs[kept - 1].ValidationMetrics : null;
        if (keptMetrics is null)
        {
            return (null, double.NaN, double.NaN);
        }

        // Only the penalty is chosen here; the map is written (block by block, into the model) only if ridge wins.
        var tensors = context.Tensors;
        using var path = new RidgePath(tensors.TrainSource, tensors.TrainTarget);
        var (penalty, ridgeMetrics, details) = RidgeSelection.Select(path, tensors, Ridge.RelativePenalties, metric, context.CancellationToken);
        if (ridgeMetrics is null)
        {
            return (null, double.NaN, double.NaN);
        }

        // ValidationScorer.Value compares the epoch-level choices (validation loss, last epoch) on featurewise R².
        double networkValue = ValidationScorer.Value(keptMetrics, metric);
        double ridgeValue = ValidationScorer.Value(ridgeMetrics, metric);
        if (!(ridgeValue > networkValue))
        {
            return (null, networkValue, ridgeValue);
        }

        details["ridgeFallback"] = 1;
        details["networkValidation"] = networkValue;
        details["ridgeValidation"] = ridgeValue;
        return (LinearMapResult.Create(context, (weight, bias) => path.SolveInto(weight, bias, penalty * path.MeanEigenvalue), details), networkValue, ridgeValue);
    }
}
