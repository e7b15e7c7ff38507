namespace OmiTrans.Losses;

/// <summary>The adversarial objective.</summary>
public enum GanObjective
{
    /// <summary>The original GAN loss (binary cross-entropy on logits): the paper's default.</summary>
    Vanilla,

    /// <summary>Least-squares GAN (mean squared error of the logits against 1 and 0).</summary>
    LeastSquares,

    /// <summary>Wasserstein GAN with gradient penalty (several critic steps per generator step).</summary>
    WassersteinGradientPenalty,
}
