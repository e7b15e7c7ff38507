namespace OmiTrans.Alignment;

/// <summary>How sample ids of the two omics are matched.</summary>
public enum SampleMatching
{
    /// <summary>Ids must be equal (case-sensitive).</summary>
    Exact,

    /// <summary>TCGA barcodes truncated to the patient (first 12 characters, e.g. TCGA-02-0001).</summary>
    TcgaPatient,

    /// <summary>TCGA barcodes truncated to the sample (first 15 characters, e.g. TCGA-02-0001-01).</summary>
    TcgaSample,

    /// <summary>TCGA barcodes truncated to the vial (first 16 characters, e.g. TCGA-02-0001-01C).</summary>
    TcgaVial,
}
