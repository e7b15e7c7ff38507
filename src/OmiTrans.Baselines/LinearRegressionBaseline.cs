
namespace OmiTrans.Baselines;

/// <summary>
/// Least-squares linear regression from all source features to all target features, solved exactly (kernel form when
/// features outnumber samples) with a tiny ridge term (1e-6 of the mean Gram eigenvalue) for numerical stability.
/// </summary>
public sealed class LinearRegressionBaseline : ITranslationMethod
{
    /// <summary>The penalty, relative to the mean eigenvalue of the Gram matrix.</summary>
    public const double RelativePenalty = 1e-6;

    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Preprocessing and device; null for the defaults.</param>
    public LinearRegressionBaseline(BaselineOptions? options = null)
    {
        Options = options ?? new BaselineOptions();
        OptionsValidationException.ThrowIfAny(nameof(LinearRegressionBaseline), Options.Preprocessing.Validate());
    }

    /// <summary>The settings.</summary>
    public BaselineOptions Options { get; }

    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            using var path = new RidgePath(context.Tensors.TrainSource, context.Tensors.TrainTarget);
            double penalty = RelativePenalty * path.MeanEigenvalue;
            return LinearMapResult.Create(context, (weight, bias) => path.SolveInto(weight, bias, penalty), new Dictionary<string, double> { ["penalty"] = penalty });
        });
}
