
namespace OmiTrans.Baselines;

/// <summary>
/// Ridge regression from all source features to all target features, solved exactly (one eigendecomposition of the
/// samples x samples kernel when features outnumber samples), with the penalty chosen on the validation samples from
/// a grid.
/// </summary>
public sealed class RidgeBaseline : ITranslationMethod
{
    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Penalty grid, preprocessing and device; null for the defaults.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public RidgeBaseline(RidgeOptions? options = null)
    {
        Options = options ?? new RidgeOptions();
        OptionsValidationException.ThrowIfAny(nameof(RidgeBaseline), Options.Validate());
    }

    /// <summary>The settings.</summary>
    public RidgeOptions Options { get; }

    /// <inheritdoc />
    public string Name => "ridge";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            LinearMapResult.RequireValidation(context, Name);
            var t = context.Tensors;
            using var path = new RidgePath(t.TrainSource, t.TrainTarget);
            var (penalty, _, details) = RidgeSelection.Select(path, t, Options.RelativePenalties, Options.SelectionMetric, cancellationToken);
            return LinearMapResult.Create(context, (weight, bias) => path.SolveInto(weight, bias, penalty * path.MeanEigenvalue), details);
        });
}
