using TorchSharp;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace OmiTrans;

/// <summary>
/// The core of a translator's cross-validated fit (<see cref="TranslatorSettings.CrossValidation"/>) on the pooled
/// training samples of <see cref="FitContext.Tensors"/>: ridge cross-validated per target feature, the network trained
/// once per fold with its out-of-fold predictions kept at the candidate epochs, the epoch and each target's blend weight
/// chosen on the out-of-fold squared error, then the final ridge map and (when any target uses it) the final network
/// fitted on all samples. Each target's choice minimises its own squared error, which maximises its R² and minimises
/// its share of the MSE at once.
/// </summary>
internal static class CrossValidatedFit
{
    private static readonly long SampleDimension = 0;

    public static CoreResult Fit(FitContext context, TranslatorSettings settings, IGenerator generator, RidgeOptions ridge, out CrossValidationSummary summary)
    {
        var cv = settings.CrossValidation!;
        var t = context.Tensors;
        var ct = context.CancellationToken;
        int n = t.TrainCount;
        int[] folds = RidgeCrossValidation.Folds(n, Math.Min(cv.Folds, n), settings.Training.Seed);
        var candidates = cv.CandidateEpochs(settings.Training.Epochs);
        var training = settings.Training with { SelectionMetric = SelectionMetric.LastEpoch, EarlyStoppingPatience = null };
        using var ridgeCv = RidgeCrossValidation.Run(t.TrainSource, t.TrainTarget, folds, ridge.RelativePenalties, includeMean: true, perFeature: cv.PerTarget, ct);
        var (alphaValues, epoch, chosen) = Select(context, settings, generator, training, ridgeCv, folds, candidates);
        summary = chosen;
        var details = Details(summary);
        int usingNetwork = summary.FeaturesUsingNetwork;
        long targets = t.TrainTarget.shape[1];

        // The final fit on all pooled samples with the choices made out of fold (outside any dispose scope: the modules live on).
        using var path = new RidgePath(t.TrainSource, t.TrainTarget);
        var penalties = ridgeCv.PerFeatureRelativePenalties;
        if (usingNetwork == 0)
        {
            return LinearMapResult.Create(context, (w, b) => path.SolveInto(w, b, penalties), details);
        }

        var final = new NetworkTrainer(Setup(context, settings, generator, training) with { StopAfterEpoch = epoch }).Train(t, context.Progress, ct);
        var module = new BlendModule(final.Generator, t.TrainSource.shape[1], targets);
        using (no_grad())
        {
            path.SolveInto(module.LinearWeight, module.LinearBias, penalties);
            using var alpha = tensor(alphaValues, device: module.NetworkWeight.device);
            module.NetworkWeight.copy_(alpha);
        }

        module.to(context.Device);
        return Result(settings, new BlendGenerator { Network = generator }, module, final.Random, final.History, details);
    }

    /// <summary>Trains the network once per fold and chooses the epoch and each target's network weight on the out-of-fold errors.</summary>
    private static (float[] NetworkWeights, int Epoch, CrossValidationSummary Summary) Select(
        FitContext context, TranslatorSettings settings, IGenerator generator, TrainingOptions training, RidgeCrossValidation ridgeCv, int[] folds, IReadOnlyList<int> candidates)
    {
        var cv = settings.CrossValidation!;
        var t = context.Tensors;
        var ct = context.CancellationToken;
        int n = t.TrainCount;
        using var scope = NewDisposeScope();
        long targets = t.TrainTarget.shape[1];
        var networkOutOfFold = zeros([candidates.Count, n, targets], ScalarType.Float32, t.TrainTarget.device);
        for (int f = 0; f < folds.Max() + 1; f++)
        {
            ct.ThrowIfCancellationRequested();
            var (trainRows, heldRows) = RidgeCrossValidation.Rows(folds, f);
            using var held = tensor(heldRows.Select(i => (long)i).ToArray(), device: t.TrainTarget.device);
            using var foldTensors = t.Fold(trainRows, heldRows);
            var setup = Setup(context, settings, generator, training) with
            {
                ValidationPredictions = (epoch, predicted) =>
                {
                    int c = IndexOf(candidates, epoch);
                    if (c >= 0)
                    {
                        using var noGrad = no_grad();
                        networkOutOfFold[c].index_copy_(0, held, predicted.to(ScalarType.Float32));
                    }
                },
            };
            using var trained = new NetworkTrainer(setup).Train(foldTensors, null, ct);
            settings.Logger?.LogInformation("{Method}: cross-validation fold {Fold} of {Folds} trained ({Train} samples, {Held} held out)", settings.Name, f + 1, folds.Max() + 1, trainRows.Length, heldRows.Length);
        }

        // Each candidate epoch: every target's best blend weight on the out-of-fold squared error; the epoch whose
        // blend validates best overall is kept.
        var y = t.TrainTarget.to(ScalarType.Float64);
        var r = ridgeCv.OutOfFold;
        var sst = ridgeCv.TotalSquares;
        int bestCandidate = 0;
        double bestValue = double.NegativeInfinity;
        double[] networkR2 = new double[candidates.Count];
        Tensor? bestWeights = null;
        Tensor? bestErrors = null;
        for (int c = 0; c < candidates.Count; c++)
        {
            var network = networkOutOfFold[c].to(ScalarType.Float64);
            networkR2[c] = RidgeCrossValidation.OutOfFoldR2(network.sub(y).Squared().sum([0L]), sst);
            var errors = stack(cv.BlendWeights.Select(w =>
            {
                using var weight = w.ToScalar();
                using var rest = (1 - w).ToScalar();
                return network.mul(weight).add(r, rest).sub(y).Squared().sum([0L]);
            }).ToArray()); // [weights, targets]
            Tensor minimum;
            long[] index;
            if (cv.PerTarget)
            {
                var (values, indices) = errors.min(SampleDimension, keepdim: false);
                (minimum, index) = (values, indices.cpu().data<long>().ToArray());
            }
            else
            {
                // One weight for all targets: the one with the best mean out-of-fold R².
                long shared = (errors / sst.unsqueeze(0)).mean([1L]).argmin().item<long>();
                (minimum, index) = (errors[shared], Enumerable.Repeat(shared, (int)targets).ToArray());
            }

            double value = RidgeCrossValidation.OutOfFoldR2(minimum, sst);
            if (value > bestValue)
            {
                (bestValue, bestCandidate) = (value, c);
                bestWeights = tensor(index.Select(i => (float)cv.BlendWeights[(int)i]).ToArray(), device: t.TrainTarget.device);
                bestErrors = minimum;
            }
        }

        var alphaValues = TensorConversions.ToArray(bestWeights!);
        int usingNetwork = alphaValues.Count(a => a > 0);
        var summary = new CrossValidationSummary
        {
            Folds = folds.Max() + 1,
            Samples = n,
            RidgeR2 = ridgeCv.SharedR2,
            RidgeRelativePenalty = ridgeCv.SharedRelativePenalty,
            PerFeatureRidgeR2 = ridgeCv.PerFeatureR2,
            MeanR2 = ridgeCv.MeanR2,
            PerTarget = cv.PerTarget,
            NetworkWeight = alphaValues.Average(a => (double)a),
            NetworkR2 = networkR2[bestCandidate],
            StackR2 = usingNetwork == 0 ? ridgeCv.KeptR2 : RidgeCrossValidation.OutOfFoldR2(bestErrors!, sst),
            CandidateEpochs = candidates,
            CandidateEpochR2 = networkR2,
            NetworkEpoch = candidates[bestCandidate],
            TargetFeatures = (int)targets,
            FeaturesUsingNetwork = usingNetwork,
            FeaturesAtMean = ridgeCv.FeaturesAtMean,
        };
        return (alphaValues, candidates[bestCandidate], summary);
    }

    /// <summary>The core result of a translator's trained network (or a module holding it).</summary>
    internal static CoreResult Result(TranslatorSettings settings, IGenerator spec, nn.Module<Tensor, Tensor> module, Generator random, TrainingHistory history, IReadOnlyDictionary<string, double>? details = null) => new()
    {
        Generator = module,
        Random = random,
        Spec = spec,
        Discriminator = settings.Discriminator,
        Distance = settings.DistanceLoss,
        Training = settings.Training,
        History = history,
        Details = details,
    };

    /// <summary>The trainer setup of a translator's network on a fit's context.</summary>
    internal static TrainerSetup Setup(FitContext context, TranslatorSettings settings, IGenerator generator, TrainingOptions training) => new()
    {
        Generator = generator,
        Discriminator = settings.Discriminator,
        Distance = settings.DistanceLoss,
        Options = training,
        Device = context.Device,
        SourceGroups = context.SourceGroups,
        SourceLocations = context.SourceLocations,
        TargetLocations = context.TargetLocations,
    };

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, double> Details(CrossValidationSummary s) => new()
    {
        ["cvFolds"] = s.Folds,
        ["cvSamples"] = s.Samples,
        ["cvR2Kept"] = s.StackR2,
        ["cvR2Network"] = s.NetworkR2,
        ["cvR2RidgePerTarget"] = s.PerFeatureRidgeR2,
        ["cvR2Ridge"] = s.RidgeR2,
        ["cvR2Mean"] = s.MeanR2,
        ["cvEpoch"] = s.NetworkEpoch,
        ["cvTargetsUsingNetwork"] = s.FeaturesUsingNetwork,
        ["cvTargetsAtMean"] = s.FeaturesAtMean,
        ["relativePenalty"] = s.RidgeRelativePenalty,
    };
}
