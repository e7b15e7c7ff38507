using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// The training and validation data as tensors on the training device, created once per fit so that no batch copies
/// managed memory into native memory.
/// </summary>
internal sealed class TrainingTensors : IDisposable
{
    private TrainingTensors()
    {
    }

    /// <summary>Scaled training source [samples, sourceFeatures].</summary>
    public required Tensor TrainSource { get; init; }

    /// <summary>Scaled training target [samples, targetFeatures].</summary>
    public required Tensor TrainTarget { get; init; }

    /// <summary>Scaled validation source, or null without validation samples.</summary>
    public Tensor? ValidationSource { get; init; }

    /// <summary>Scaled (imputed) validation target, for the validation loss.</summary>
    public Tensor? ValidationTarget { get; init; }

    /// <summary>Validation target in target units with NaN for missing values, for the metrics.</summary>
    public Tensor? ValidationActual { get; init; }

    /// <summary>Training minimum of each target feature [targetFeatures].</summary>
    public required Tensor TargetMin { get; init; }

    /// <summary>Training range of each target feature [targetFeatures].</summary>
    public required Tensor TargetRange { get; init; }

    public required IReadOnlyList<string> ValidationSampleIds { get; init; }

    public required IReadOnlyList<string> TargetFeatureIds { get; init; }

    public int TrainCount => (int)TrainSource.shape[0];

    public int ValidationCount => ValidationSource is null ? 0 : (int)ValidationSource.shape[0];

    public static TrainingTensors Create(FittedPreprocessor preprocessor, TranslationData data, Device device)
    {
        var (trainSource, trainTarget) = data.Get(SplitSet.Train);
        var (validationSource, validationTarget) = data.Get(SplitSet.Validation);
        var state = preprocessor.State;
        var sourceFeatures = state.SourceFeatures;
        var targetFeatures = state.TargetFeatures;
        trainSource = trainSource.SelectFeatures(sourceFeatures);
        trainTarget = trainTarget.SelectFeatures(targetFeatures);
        int fs = sourceFeatures.Length;
        int ft = targetFeatures.Length;
        bool hasValidation = validationSource.SampleCount > 0;
        if (hasValidation)
        {
            validationSource = validationSource.SelectFeatures(sourceFeatures);
            validationTarget = validationTarget.SelectFeatures(targetFeatures);
        }

        return new TrainingTensors
        {
            TrainSource = TensorConversions.FromRowMajor(preprocessor.SourceToSampleMajor(trainSource), trainSource.SampleCount, fs, device),
            TrainTarget = TensorConversions.FromRowMajor(preprocessor.TargetToSampleMajor(trainTarget), trainTarget.SampleCount, ft, device),
            ValidationSource = hasValidation ? TensorConversions.FromRowMajor(preprocessor.SourceToSampleMajor(validationSource), validationSource.SampleCount, fs, device) : null,
            ValidationTarget = hasValidation ? TensorConversions.FromRowMajor(preprocessor.TargetToSampleMajor(validationTarget), validationTarget.SampleCount, ft, device) : null,
            ValidationActual = hasValidation ? TensorConversions.ToSampleMajorTensor(validationTarget, device) : null,
            TargetMin = TensorConversions.FromRowMajor(state.TargetMin, 1, ft, device),
            TargetRange = TensorConversions.FromRowMajor(state.TargetRange, 1, ft, device),
            ValidationSampleIds = hasValidation ? validationSource.SampleIds : [],
            TargetFeatureIds = targetFeatures,
        };
    }

    /// <summary>
    /// One cross-validation fold of the training samples: <paramref name="trainRows"/> train, <paramref name="heldOutRows"/>
    /// rows validate (their actual values are the scaled training targets in target units). The validation samples of
    /// this instance play no part.
    /// </summary>
    public TrainingTensors Fold(int[] trainRows, int[] heldOutRows)
    {
        using var scope = NewDisposeScope();
        var train = tensor(trainRows.Select(i => (long)i).ToArray(), device: TrainSource.device);
        var heldOut = tensor(heldOutRows.Select(i => (long)i).ToArray(), device: TrainSource.device);
        var heldTarget = TrainTarget.index_select(0, heldOut);
        var ids = heldOutRows.Select(i => "cv-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new TrainingTensors
        {
            TrainSource = TrainSource.index_select(0, train).MoveToOuterDisposeScope(),
            TrainTarget = TrainTarget.index_select(0, train).MoveToOuterDisposeScope(),
            ValidationSource = TrainSource.index_select(0, heldOut).MoveToOuterDisposeScope(),
            ValidationTarget = heldTarget.clone().MoveToOuterDisposeScope(),
            ValidationActual = heldTarget.mul(TargetRange).PlusInPlace(TargetMin).MoveToOuterDisposeScope(),
            TargetMin = TargetMin.clone().MoveToOuterDisposeScope(),
            TargetRange = TargetRange.clone().MoveToOuterDisposeScope(),
            ValidationSampleIds = ids,
            TargetFeatureIds = TargetFeatureIds,
        };
    }

    public void Dispose()
    {
        TrainSource.Dispose();
        TrainTarget.Dispose();
        ValidationSource?.Dispose();
        ValidationTarget?.Dispose();
        ValidationActual?.Dispose();
        TargetMin.Dispose();
        TargetRange.Dispose();
    }
}
