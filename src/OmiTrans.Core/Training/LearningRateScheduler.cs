namespace OmiTrans.Training;

/// <summary>
/// Computes the learning-rate factor of each epoch. Stateless except for the plateau schedule, whose state
/// (best loss, epochs without improvement, current factor) is part of a checkpoint.
/// </summary>
internal sealed class LearningRateScheduler
{
    private const double PlateauThreshold = 1e-4;
    private readonly TrainingOptions _options;

    public LearningRateScheduler(TrainingOptions options)
    {
        _options = options;
    }

    public double PlateauBest { get; set; } = double.PositiveInfinity;

    public int PlateauBadEpochs { get; set; }

    public double PlateauFactorValue { get; set; } = 1;

    /// <summary>The factor applied to the initial learning rates during a (1-based) epoch.</summary>
    public double Factor(int epoch)
    {
        var o = _options;
        switch (o.Schedule)
        {
            case LearningRateSchedule.Linear:
                int decay = o.EffectiveDecayEpochs;
                int constant = o.Epochs - decay;
                return 1.0 - (Math.Max(0, epoch - constant) / (double)(decay + 1));
            case LearningRateSchedule.Step:
                return Math.Pow(o.StepGamma, (epoch - 1) / o.StepSize);
            case LearningRateSchedule.Cosine:
                return 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / o.Epochs));
            case LearningRateSchedule.ReduceOnPlateau:
                return PlateauFactorValue;
            default:
                return 1.0;
        }
    }

    /// <summary>Feeds the monitored loss at the end of an epoch (only the plateau schedule uses it).</summary>
    public void Observe(double loss)
    {
        if (_options.Schedule != LearningRateSchedule.ReduceOnPlateau || double.IsNaN(loss))
        {
            return;
        }

        if (loss < PlateauBest * (1 - PlateauThreshold))
        {
            PlateauBest = loss;
            PlateauBadEpochs = 0;
            return;
        }

        PlateauBadEpochs++;
        if (PlateauBadEpochs > _options.PlateauPatience)
        {
            PlateauFactorValue *= _options.PlateauFactor;
            PlateauBadEpochs = 0;
        }
    }
}
