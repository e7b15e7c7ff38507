namespace OmiTrans.Networks;

/// <summary>The normalisation inside each fully connected block.</summary>
public enum FeatureNormalization
{
    /// <summary>
    /// Each sample's hidden units are normalised to mean 0 and variance 1 without a learned scale or shift: what the
    /// original code's "batch" option really did in its fully connected networks (a non-affine layer norm).
    /// </summary>
    PerSample,

    /// <summary>Layer normalisation with a learned scale and shift.</summary>
    LayerNorm,

    /// <summary>Batch normalisation (learned scale and shift, running statistics used at inference).</summary>
    BatchNorm,

    /// <summary>No normalisation.</summary>
    None,
}
