namespace OmiTrans.Data;

/// <summary>A transformation of raw values applied before preprocessing (for count and linear-scale assays).</summary>
public enum ValueTransform
{
    /// <summary>Values are used as read.</summary>
    None,

    /// <summary>log2(x + 1), for linear-scale expression such as RSEM or FPKM.</summary>
    Log2PlusOne,

    /// <summary>
    /// Counts per million within each sample, then log2(x + 1): for raw read counts such as miRNA-seq. Samples whose
    /// counts sum to zero are rejected.
    /// </summary>
    CountsPerMillionLog2,
}
