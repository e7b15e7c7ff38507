using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Linear;

/// <summary>
/// K-fold cross-validation of the ridge path over the training samples: for every relative penalty (× each fold's mean
/// eigenvalue) and, when asked, the per-feature training mean (an infinite penalty), the out-of-fold squared error of
/// every target feature. From it: the best single penalty (what a shared penalty would choose), the best penalty of each
/// target feature, and the out-of-fold predictions under those per-feature choices (for stacking). Float64 throughout;
/// every sample is predicted exactly once, by the fold that did not see it.
/// </summary>
internal sealed class RidgeCrossValidation : IDisposable
{
    private RidgeCrossValidation(Tensor outOfFold, Tensor totalSquares)
    {
        OutOfFold = outOfFold;
        TotalSquares = totalSquares;
    }

    /// <summary>Out-of-fold predictions [samples, targets] (float64, scaled units) under each feature's chosen penalty.</summary>
    public Tensor OutOfFold { get; }

    /// <summary>Each target's sum of squares about its mean over all samples [targets] (float64, at least a tiny positive value).</summary>
    public Tensor TotalSquares { get; }

    /// <summary>Each target's relative penalty as kept (the shared one for all without per-target choice); +∞ where the training mean validated best.</summary>
    public required double[] PerFeatureRelativePenalties { get; init; }

    /// <summary>The single relative penalty with the best out-of-fold mean featurewise R².</summary>
    public required double SharedRelativePenalty { get; init; }

    /// <summary>Out-of-fold mean featurewise R² of the shared penalty.</summary>
    public required double SharedR2 { get; init; }

    /// <summary>Out-of-fold mean featurewise R² of each target's best penalty (or mean), whether or not they were kept (optimistic: chosen on the same errors).</summary>
    public required double PerFeatureR2 { get; init; }

    /// <summary>Out-of-fold mean featurewise R² of the penalties kept (<see cref="PerFeatureRelativePenalties"/>).</summary>
    public required double KeptR2 { get; init; }

    /// <summary>Out-of-fold mean featurewise R² of the training mean alone (NaN when it was not a candidate).</summary>
    public required double MeanR2 { get; init; }

    /// <summary>How many targets chose the training mean.</summary>
    public int FeaturesAtMean => PerFeatureRelativePenalties.Count(double.IsPositiveInfinity);

    /// <summary>A seeded assignment of <paramref name="samples"/> samples to <paramref name="folds"/> folds of (nearly) equal size.</summary>
    public static int[] Folds(int samples, int folds, int seed)
    {
        var order = Enumerable.Range(0, samples).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            fold[order[i]] = i % folds;
        }

        return fold;
    }

    /// <summary>The rows of a fold's training part and of its held-out part.</summary>
    public static (int[] Train, int[] HeldOut) Rows(int[] folds, int fold) =>
        (Enumerable.Range(0, folds.Length).Where(i => folds[i] != fold).ToArray(), Enumerable.Range(0, folds.Length).Where(i => folds[i] == fold).ToArray());

    /// <summary>Out-of-fold mean featurewise R² of per-target squared errors [targets] against <paramref name="totalSquares"/>.</summary>
    public static double OutOfFoldR2(Tensor squaredErrors, Tensor totalSquares)
    {
        using var scope = NewDisposeScope();
        return 1.0 - (squaredErrors / totalSquares).mean().item<double>();
    }

    /// <summary>Runs the cross-validation; the caller disposes the result.</summary>
    /// <param name="source">Scaled training source [samples, sources].</param>
    /// <param name="target">Scaled training target [samples, targets].</param>
    /// <param name="folds">The fold of each sample (<see cref="Folds"/>).</param>
    /// <param name="relativePenalties">The penalty grid, relative to each fold's mean eigenvalue.</param>
    /// <param name="includeMean">Whether the training mean (an infinite penalty) competes for each feature.</param>
    /// <param name="perFeature">Whether each feature chooses its own penalty; otherwise every feature takes the shared one.</param>
    /// <param name="cancellationToken">Stops between folds.</param>
    public static RidgeCrossValidation Run(Tensor source, Tensor target, int[] folds, IReadOnlyList<double> relativePenalties, bool includeMean, bool perFeature, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var y = target.to(ScalarType.Float64);
        long targets = y.shape[1];
        int candidates = relativePenalties.Count + (includeMean ? 1 : 0);
        int foldCount = folds.Max() + 1;
        var squaredErrors = zeros(candidates, targets, ScalarType.Float64, y.device);
        var totalSquares = y.sub(y.mean([0L], keepdim: true)).Squared().sum([0L]).clamp_min(HeldScalars.Constant(1e-12));
        var paths = new List<(RidgePath Path, Tensor Train, Tensor HeldOut)>();
        try
        {
            for (int f = 0; f < foldCount; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (trainRows, heldRows) = Rows(folds, f);
                var train = tensor(trainRows.Select(i => (long)i).ToArray(), device: y.device);
                var held = tensor(heldRows.Select(i => (long)i).ToArray(), device: y.device);
                var path = new RidgePath(source.index_select(0, train), target.index_select(0, train));
                paths.Add((path, train, held));
                var heldSource = source.index_select(0, held);
                var heldTarget = y.index_select(0, held);
                for (int c = 0; c < relativePenalties.Count; c++)
                {
                    using var predicted = path.Predict(heldSource, relativePenalties[c] * path.MeanEigenvalue);
                    squaredErrors[c].add_(predicted.sub(heldTarget).Squared().sum([0L]), HeldScalars.One);
                }

                if (includeMean)
                {
                    var mean = y.index_select(0, train).mean([0L], keepdim: true);
                    squaredErrors[candidates - 1].add_(heldTarget.sub(mean).Squared().sum([0L]), HeldScalars.One);
                }
            }

            var normalised = squaredErrors / totalSquares.unsqueeze(0);
            int shared = (int)normalised.narrow(0, 0, relativePenalties.Count).mean([1L]).argmin().item<long>();
            var perTarget = normalised.argmin(0);
            var chosen = perFeature ? perTarget.cpu().data<long>().ToArray() : Enumerable.Repeat((long)shared, (int)targets).ToArray();
            var relative = chosen.Select(c => c < relativePenalties.Count ? relativePenalties[(int)c] : double.PositiveInfinity).ToArray();
            var relativeTensor = tensor(relative, device: y.device);
            var outOfFold = zeros_like(y);
            foreach (var (path, _, held) in paths)
            {
                using var scale = path.MeanEigenvalue.ToScalar();
                using var predicted = path.Predict(source.index_select(0, held), relativeTensor.mul(scale));
                outOfFold.index_copy_(0, held, predicted);
            }

            var perTargetErrors = squaredErrors.gather(0, perTarget.unsqueeze(0)).squeeze(0);
            double perTargetR2 = OutOfFoldR2(perTargetErrors, totalSquares);
            double sharedR2 = OutOfFoldR2(squaredErrors[shared], totalSquares);
            return new RidgeCrossValidation(outOfFold.MoveToOuterDisposeScope(), totalSquares.MoveToOuterDisposeScope())
            {
                PerFeatureRelativePenalties = relative,
                SharedRelativePenalty = relativePenalties[shared],
                SharedR2 = sharedR2,
                PerFeatureR2 = perTargetR2,
                KeptR2 = perFeature ? perTargetR2 : sharedR2,
                MeanR2 = includeMean ? OutOfFoldR2(squaredErrors[candidates - 1], totalSquares) : double.NaN,
            };
        }
        finally
        {
            foreach (var (path, _, _) in paths)
            {
                path.Dispose();
            }
        }
    }

    public void Dispose()
    {
        OutOfFold.Dispose();
        TotalSquares.Dispose();
    }
}
