namespace OmiTrans.Training;

/// <summary>How the learning rates change from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant, then a linear decay towards zero over the last <see cref="TrainingOptions.DecayEpochs"/> epochs (the paper).</summary>
    Linear,

    /// <summary>Constant for all epochs.</summary>
    Constant,

    /// <summary>Multiplied by <see cref="TrainingOptions.StepGamma"/> every <see cref="TrainingOptions.StepSize"/> epochs.</summary>
    Step,

    /// <summary>Cosine annealing from the initial rate to zero over all epochs.</summary>
    Cosine,

    /// <summary>Multiplied by <see cref="TrainingOptions.PlateauFactor"/> when the validation loss has not improved for <see cref="TrainingOptions.PlateauPatience"/> epochs.</summary>
    ReduceOnPlateau,
}
