namespace OmiTrans.Networks;

/// <summary>The normalisation inside each convolution block.</summary>
public enum ConvNormalization
{
    /// <summary>Batch normalisation over the channels (what the original's "batch" option used in convolutional networks).</summary>
    BatchNorm,

    /// <summary>Instance normalisation (each sample and channel normalised over its length), without learned scale.</summary>
    InstanceNorm,

    /// <summary>No normalisation.</summary>
    None,
}
