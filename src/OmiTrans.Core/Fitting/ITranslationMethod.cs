namespace OmiTrans.Fitting;

/// <summary>
/// A way of translating one omics into another that can be fitted on aligned, split data: OmiTrans itself
/// (<see cref="Translator"/>) or a baseline. Every method fits the same preprocessing on the training samples and
/// returns a <see cref="TranslationModel"/>, so translation, evaluation and saving work alike for all of them.
/// </summary>
public interface ITranslationMethod
{
    /// <summary>The method's name in tables and model files ("omitrans", "mean", "ridge", ...).</summary>
    string Name { get; }

    /// <summary>Fits the method on the training samples, monitoring the validation samples, and evaluates it on the test samples.</summary>
    /// <param name="data">Aligned and split data.</param>
    /// <param name="progress">Receives a report after each epoch (methods without epochs report nothing).</param>
    /// <param name="cancellationToken">Stops the fit between mini-batches.</param>
    /// <returns>The fitted model; dispose it.</returns>
    TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default);
}
