namespace OmiTrans.Training;

/// <summary>Tracks the best epoch by the selection metric (the last epoch when there is no validation data).</summary>
internal sealed class BestEpochSelector
{
    private readonly SelectionMetric _metric;
    private readonly bool _hasValidation;
    private double _bestValue = double.NaN;

    public BestEpochSelector(SelectionMetric metric, bool hasValidation)
    {
        _metric = metric;
        _hasValidation = hasValidation;
    }

    /// <summary>The best epoch so far: 0 is the generator's data-fitted starting state (see <see cref="IGenerator.InitializeFromData"/>).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Whether any epoch (or the starting state) has been offered.</summary>
    public bool HasBest { get; private set; }

    public double BestValue => _bestValue;

    /// <summary>Offers an epoch's validation results; true when it is the best so far.</summary>
    public bool Offer(int epoch, double validationLoss, TranslationMetrics? metrics)
    {
        if (!_hasValidation || _metric == SelectionMetric.LastEpoch || metrics is null)
        {
            BestEpoch = epoch;
            HasBest = true;
            return true;
        }

        double value = _metric switch
        {
            SelectionMetric.MeanFeaturewiseR2 => metrics.MeanFeaturewiseR2,
            SelectionMetric.MeanSamplewiseR2 => metrics.MeanSamplewiseR2,
            SelectionMetric.Mse => -metrics.Mse,
            _ => -validationLoss,
        };
        if (double.IsNaN(value))
        {
            value = -validationLoss;
        }

        if (!HasBest || value > _bestValue || double.IsNaN(_bestValue))
        {
            _bestValue = value;
            BestEpoch = epoch;
            HasBest = true;
            return true;
        }

        return false;
    }

    /// <summary>Restores the state from a checkpoint.</summary>
    public void Restore(int bestEpoch, double bestValue)
    {
        BestEpoch = bestEpoch;
        _bestValue = bestValue;
        HasBest = true; // checkpoints are written after at least one epoch, which is always offered
    }
}
