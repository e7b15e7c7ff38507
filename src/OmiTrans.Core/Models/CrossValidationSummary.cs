namespace OmiTrans.Models;

/// <summary>
/// What the cross-validated selection of a translator saw (<see cref="TranslatorSettings.CrossValidation"/>): the
/// out-of-fold mean featurewise R² of every candidate on the pooled training and validation samples, and what was kept.
/// Every figure is computed from predictions of samples the predicting fold did not train on.
/// </summary>
public sealed record CrossValidationSummary
{
    /// <summary>The number of folds.</summary>
    public required int Folds { get; init; }

    /// <summary>The samples cross-validated (training and validation pooled; never the test samples).</summary>
    public required int Samples { get; init; }

    /// <summary>Ridge with the single best penalty for all target features.</summary>
    public required double RidgeR2 { get; init; }

    /// <summary>The single relative penalty (× the Gram matrix's mean eigenvalue) of <see cref="RidgeR2"/>.</summary>
    public required double RidgeRelativePenalty { get; init; }

    /// <summary>
    /// Ridge with each target feature's best penalty, or its training mean where that validated better (kept only with
    /// <see cref="PerTarget"/>; otherwise for information, and optimistic: each target's choice is made on the same
    /// out-of-fold errors).
    /// </summary>
    public required double PerFeatureRidgeR2 { get; init; }

    /// <summary>The training mean of each target feature.</summary>
    public required double MeanR2 { get; init; }

    /// <summary>The network alone at <see cref="NetworkEpoch"/>.</summary>
    public required double NetworkR2 { get; init; }

    /// <summary>Whether each target chose its own penalty and network weight (<see cref="CrossValidationOptions.PerTarget"/>).</summary>
    public bool PerTarget { get; init; }

    /// <summary>The kept combination: the blend of the network and the ridge prediction.</summary>
    public required double StackR2 { get; init; }

    /// <summary>The epochs that competed as the network's length.</summary>
    public required IReadOnlyList<int> CandidateEpochs { get; init; }

    /// <summary>The network alone at each of <see cref="CandidateEpochs"/>.</summary>
    public required IReadOnlyList<double> CandidateEpochR2 { get; init; }

    /// <summary>The epoch the final network was trained to.</summary>
    public required int NetworkEpoch { get; init; }

    /// <summary>The network's weight in the blend, averaged over the targets (the one weight of all targets without <see cref="PerTarget"/>); 0 when the model is the ridge map alone.</summary>
    public double NetworkWeight { get; init; }

    /// <summary>The target features of the model.</summary>
    public required int TargetFeatures { get; init; }

    /// <summary>Target features whose blend gives the network a positive weight.</summary>
    public required int FeaturesUsingNetwork { get; init; }

    /// <summary>Target features predicted by their training mean (no source feature helped them out of fold).</summary>
    public required int FeaturesAtMean { get; init; }
}
