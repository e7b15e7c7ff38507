using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>
/// L1-penalised linear regression from all source features to every target feature, all targets solved in one batch
/// over a shared precomputed Gram matrix (coordinate descent on working sets, duality-gap stopping, warm starts along
/// a decreasing penalty path), with one penalty chosen on the validation samples.
/// </summary>
/// <remarks>The Gram matrix (source features squared, float32) must fit in one array: up to about 46,000 source features.</remarks>
public sealed class LassoBaseline : ITranslationMethod
{
    private const long MaxGramElements = 2_000_000_000;

    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Path, tolerance, preprocessing and device; null for the defaults.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public LassoBaseline(LassoOptions? options = null)
    {
        Options = options ?? new LassoOptions();
        OptionsValidationException.ThrowIfAny(nameof(LassoBaseline), Options.Validate());
    }

    /// <summary>The settings.</summary>
    public LassoOptions Options { get; }

    /// <inheritdoc />
    public string Name => "lasso";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            LinearMapResult.RequireValidation(context, Name);
            var t = context.Tensors;
            long features = t.TrainSource.shape[1];
            if (features * features > MaxGramElements)
            {
                throw new OmicsSchemaException($"lasso keeps a {features} x {features} Gram matrix, too large for one array; keep at most 44,000 source features (for example with PreprocessingOptions.TopVarianceSourceFeatures).");
            }

            var problem = LassoProblem.Create(t);
            var solver = new LassoSolver(problem.Gram, problem.Correlations, problem.TargetSquares, (int)features);
            double maxPenalty = solver.MaxPenalty();
            var details = new Dictionary<string, double> { ["maxPenalty"] = maxPenalty };
            double bestValue = double.NegativeInfinity;
            double bestPenalty = maxPenalty;
            (int[] Features, double[] Coefficients)[]? best = null;
            int worse = 0;
            for (int i = 0; i < Options.PenaltyCount; i++)
            {
                double ratio = Options.PenaltyCount == 1 ? Options.MinPenaltyRatio : Math.Pow(Options.MinPenaltyRatio, i / (double)(Options.PenaltyCount - 1));
                double penalty = maxPenalty * ratio;
                solver.Solve(penalty, Options.Tolerance, cancellationToken);
                using var predicted = problem.PredictValidation(solver);
                var metrics = ValidationScorer.Score(predicted, t);
                double value = ValidationScorer.Value(metrics, Options.SelectionMetric);
                details["validationR2f@" + ratio.ToString("G3", CultureInfo.InvariantCulture)] = metrics.MeanFeaturewiseR2;
                if (value > bestValue)
                {
                    bestValue = value;
                    bestPenalty = penalty;
                    best = Enumerable.Range(0, solver.Targets).Select(target =>
                    {
                        var (f, c) = solver.Coefficients(target);
                        return (f.ToArray(), c.ToArray());
                    }).ToArray();
                    worse = 0;
                }
                else if (++worse >= Options.PathPatience)
                {
                    break;
                }
            }

            details["penalty"] = bestPenalty;
            details["relativePenalty"] = bestPenalty / maxPenalty;
            details["meanNonZeroPerTarget"] = best!.Average(b => b.Coefficients.Count(c => c != 0));
            var (weight, bias) = problem.LinearMap(best!);
            using (weight)
            using (bias)
            {
                return LinearMapResult.Create(context, weight, bias, details);
            }
        });
}
