namespace OmiTrans.Splitting;

/// <summary>The part of the data a sample belongs to.</summary>
public enum SplitSet
{
    /// <summary>Used to fit the preprocessing and the model.</summary>
    Train,

    /// <summary>Used to monitor training (validation metrics, best-epoch selection, penalty choice).</summary>
    Validation,

    /// <summary>Held out; used only for the final metrics.</summary>
    Test,
}
