namespace OmiTrans.Models.Format;

/// <summary>
/// The names enum values have in model files (versions 1 and 2 use the same names: version 1 wrote the camelCase
/// member names, which are frozen here so that renaming a member cannot change the format).
/// </summary>
internal static class FormatNames
{
    public static EnumNames<ValueTransform> Transform { get; } = new(
        (ValueTransform.None, "none"),
        (ValueTransform.Log2PlusOne, "log2p1"),
        (ValueTransform.CountsPerMillionLog2, "cpm-log2"));

    public static EnumNames<SourceScaling> Scaling { get; } = new(
        (SourceScaling.None, "none"),
        (SourceScaling.Standardize, "standardize"),
        (SourceScaling.MinMax, "minMax"));

    public static EnumNames<GanObjective> Gan { get; } = new(
        (GanObjective.Vanilla, "vanilla"),
        (GanObjective.LeastSquares, "leastSquares"),
        (GanObjective.WassersteinGradientPenalty, "wassersteinGradientPenalty"));

    public static EnumNames<LearningRateSchedule> Schedule { get; } = new(
        (LearningRateSchedule.Linear, "linear"),
        (LearningRateSchedule.Constant, "constant"),
        (LearningRateSchedule.Step, "step"),
        (LearningRateSchedule.Cosine, "cosine"),
        (LearningRateSchedule.ReduceOnPlateau, "reduceOnPlateau"));

    public static EnumNames<WeightInitialization> Initialization { get; } = new(
        (WeightInitialization.Normal, "normal"),
        (WeightInitialization.Xavier, "xavier"),
        (WeightInitialization.Kaiming, "kaiming"),
        (WeightInitialization.Orthogonal, "orthogonal"),
        (WeightInitialization.Default, "default"));

    public static EnumNames<SelectionMetric> Selection { get; } = new(
        (SelectionMetric.MeanFeaturewiseR2, "meanFeaturewiseR2"),
        (SelectionMetric.MeanSamplewiseR2, "meanSamplewiseR2"),
        (SelectionMetric.Mse, "mse"),
        (SelectionMetric.ValidationLoss, "validationLoss"),
        (SelectionMetric.LastEpoch, "lastEpoch"));
}
