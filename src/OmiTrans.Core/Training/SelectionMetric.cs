namespace OmiTrans.Training;

/// <summary>The validation quantity that picks the best epoch (and drives early stopping).</summary>
public enum SelectionMetric
{
    /// <summary>Highest mean featurewise R² on the validation samples.</summary>
    MeanFeaturewiseR2,

    /// <summary>Highest mean samplewise R² on the validation samples.</summary>
    MeanSamplewiseR2,

    /// <summary>Lowest mean squared error on the validation samples (target units).</summary>
    Mse,

    /// <summary>Lowest distance loss on the validation samples (scaled units).</summary>
    ValidationLoss,

    /// <summary>No selection: the generator of the last epoch is kept.</summary>
    LastEpoch,
}
