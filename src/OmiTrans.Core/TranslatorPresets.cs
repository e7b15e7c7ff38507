
namespace OmiTrans;

/// <summary>Complete translator settings for common purposes, to pass to <see cref="TranslatorBuilder.WithSettings"/>.</summary>
public static class TranslatorPresets
{
    /// <summary>The library's defaults (see docs/study.md for why they differ from the paper).</summary>
    public static TranslatorSettings Default { get; } = new();

    /// <summary>
    /// The paper's FC OmiTrans exactly (its Table 2): generator 4096-1024-512-256-512-1024-4096 with per-sample
    /// normalisation and dropout 0.2, the FC discriminator 128-64-32-16, vanilla GAN + 100·L1, Adam (β1 0.5) with
    /// learning rates 1e-4, batch 128, 800 epochs of which the last 100 decay linearly.
    /// </summary>
    public static TranslatorSettings Paper { get; } = new()
    {
        Generator = FullyConnectedGenerator.Paper,
        Discriminator = new FullyConnectedDiscriminator(),
        DistanceLoss = DistanceLosses.L1,
        Training = TrainingOptions.Paper,
        Fallback = null,
        CrossValidation = null,
    };

    /// <summary>
    /// The library's defaults, but every choice (the epoch kept, network or ridge fallback, ridge's penalty) made on the
    /// single validation split whatever the cohort's size: the default before cross-validated selection (docs/study.md),
    /// and what the default does above <see cref="CrossValidationOptions.MaxSamples"/>. One network fit instead of
    /// folds + 1 on small cohorts.
    /// </summary>
    public static TranslatorSettings ValidationSplit { get; } = new() { CrossValidation = null };
}
