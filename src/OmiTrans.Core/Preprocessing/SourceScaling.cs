namespace OmiTrans.Preprocessing;

/// <summary>How source features are scaled before they enter a network. Fitted on training samples only.</summary>
public enum SourceScaling
{
    /// <summary>Values are used as they are (the paper: methylation beta values in [0, 1]).</summary>
    None,

    /// <summary>Each feature is centred on its training mean and divided by its training standard deviation.</summary>
    Standardize,

    /// <summary>Each feature is mapped to [0, 1] by its training minimum and maximum.</summary>
    MinMax,
}
