using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>What a trainer needs besides the data.</summary>
internal sealed record TrainerSetup
{
    public required IGenerator Generator { get; init; }

    /// <summary>The adversary, or null to train the generator on the distance loss alone.</summary>
    public IDiscriminator? Discriminator { get; init; }

    public required IDistanceLoss Distance { get; init; }

    public required TrainingOptions Options { get; init; }

    public required Device Device { get; init; }

    public IReadOnlyList<FeatureGroup>? SourceGroups { get; init; }

    public IReadOnlyList<GenomicLocation?>? SourceLocations { get; init; }

    public IReadOnlyList<GenomicLocation?>? TargetLocations { get; init; }

    /// <summary>Where to write checkpoints, and whether to resume; null for none.</summary>
    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>
    /// Receives the scaled predictions of the validation samples after each epoch (epoch, predictions; the tensor is
    /// disposed after the call), for cross-validation; null for none.
    /// </summary>
    public Action<int, Tensor>? ValidationPredictions { get; init; }

    /// <summary>
    /// Stops after this epoch while keeping the learning-rate schedule of <see cref="TrainingOptions.Epochs"/> (a
    /// cross-validated epoch count reproduces the folds' runs up to that epoch); null to train every epoch.
    /// </summary>
    public int? StopAfterEpoch { get; init; }
}

/// <summary>A trained generator with the random generator its dropout layers hold, and the history.</summary>
internal sealed class TrainedNetwork : IDisposable
{
    public TrainedNetwork(nn.Module<Tensor, Tensor> generator, Generator random, TrainingHistory history)
    {
        Generator = generator;
        Random = random;
        History = history;
    }

    public nn.Module<Tensor, Tensor> Generator { get; }

    public Generator Random { get; }

    public TrainingHistory History { get; }

    public void Dispose()
    {
        Generator.Dispose();
        Random.Dispose();
    }
}

/// <summary>
/// The training loop: per mini-batch one discriminator step (on the translated batch, detached) and one generator
/// step (adversarial loss with the updated discriminator plus λ times the distance loss plus any auxiliary loss), as in
/// pix2pix and the original OmiTrans. The data stays on the device; batches are gathered by shuffled index. Validation
/// runs once per epoch, vectorised; the best generator by the selection metric is kept; checkpoints are written at
/// epoch ends.
/// </summary>
internal sealed class NetworkTrainer
{
    private const int PredictionChunk = 1024;
    private readonly TrainerSetup _setup;

    public NetworkTrainer(TrainerSetup setup)
    {
        _setup = setup;
    }

    public TrainedNetwork Train(TrainingTensors data, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        var o = _setup.Options;
        if (o.EarlyStoppingPatience is not null && data.ValidationCount == 0)
        {
            throw new InvalidOperationException("Early stopping needs validation samples, but the split has none.");
        }

        if (_setup.Distance.RequiresUnitInterval)
        {
            CheckUnitInterval(data.TrainTarget, _setup.Distance.Name);
        }

        var clock = Stopwatch.StartNew();
        using var run = TrainingRun.Create(_setup, data);
        var checkpoints = _setup.Checkpoints;
        string? fingerprint = checkpoints is null ? null : TrainingCheckpoint.Fingerprint(data, o.Seed);
        string? lastCheckpoint = null;
        if (checkpoints is { Resume: true } && File.Exists(checkpoints.Path))
        {
            TrainingCheckpoint.Restore(checkpoints.Path, run, _setup, fingerprint!);
            lastCheckpoint = checkpoints.Path;
        }
        else if (run.InitializeFromData(_setup.Generator, data, _setup.Distance.RequiresUnitInterval, cancellationToken) && data.ValidationCount > 0)
        {
            // A data-fitted start (the ridge shortcut) is a candidate too: if no epoch improves on it on validation, the
            // model keeps it, so training can only add to the fitted start, never end below it.
            var (startLoss, startMetrics) = Validate(data, run.Generator, 0);
            if (o.SelectionMetric != SelectionMetric.LastEpoch && run.Selector.Offer(0, startLoss, startMetrics))
            {
                run.KeepBest();
                run.SelectedEpoch = 0;
            }
        }

        double previousSeconds = run.Reports.Sum(r => r.Seconds);
        for (int epoch = run.CompletedEpochs + 1; epoch <= o.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            double factor = run.Scheduler.Factor(epoch);
            SetLearningRate(run.GeneratorOptimizer, o.GeneratorLearningRate * factor);
            if (run.DiscriminatorOptimizer is not null)
            {
                SetLearningRate(run.DiscriminatorOptimizer, o.DiscriminatorLearningRate * factor);
            }

            var losses = RunEpoch(epoch, data, run, lastCheckpoint, cancellationToken);
            var (validationLoss, metrics) = Validate(data, run.Generator, epoch);
            run.Scheduler.Observe(data.ValidationCount > 0 ? validationLoss : losses.Distance);
            bool isBest = run.Selector.Offer(epoch, validationLoss, metrics);
            if (isBest)
            {
                run.KeepBest();
                run.SelectedEpoch = epoch;
            }

            var report = new EpochReport
            {
                Epoch = epoch,
                TotalEpochs = o.Epochs,
                DiscriminatorLoss = losses.Discriminator,
                GeneratorAdversarialLoss = losses.Adversarial,
                GeneratorDistanceLoss = losses.Distance,
                GeneratorLearningRate = o.GeneratorLearningRate * factor,
                DiscriminatorLearningRate = run.Discriminator is null ? double.NaN : o.DiscriminatorLearningRate * factor,
                ValidationLoss = validationLoss,
                ValidationMetrics = metrics,
                IsBest = isBest,
                Seconds = epochClock.Elapsed.TotalSeconds,
            };
            run.Reports.Add(report);
            run.CompletedEpochs = epoch;
            bool stop = (o.EarlyStoppingPatience is { } patience && epoch - run.Selector.BestEpoch >= patience && epoch < o.Epochs)
                || (_setup.StopAfterEpoch is { } last && epoch >= last && epoch < o.Epochs);
            run.StoppedEarly = stop;
            if (checkpoints is not null && (epoch % checkpoints.EveryEpochs == 0 || epoch == o.Epochs || stop))
            {
                TrainingCheckpoint.Save(checkpoints.Path, run, _setup, fingerprint!);
                lastCheckpoint = checkpoints.Path;
            }

            progress?.Report(report);
            if (stop)
            {
                break;
            }
        }

        return run.Finish(previousSeconds + clock.Elapsed.TotalSeconds);
    }

    private (double Discriminator, double Adversarial, double Distance) RunEpoch(
        int epoch, TrainingTensors data, TrainingRun run, string? lastCheckpoint, CancellationToken cancellationToken)
    {
        var o = _setup.Options;
        var device = _setup.Device;
        var generator = run.Generator;
        var discriminator = run.Discriminator;
        int n = data.TrainCount;
        int batchSize = Math.Min(o.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        bool adversarial = discriminator is not null;
        int criticSteps = adversarial ? o.DiscriminatorSteps : 1;
        bool jointCritic = _setup.Discriminator is { IsSampleIndependent: true };

        using var epochScope = NewDisposeScope();
        var order = tensor(Shuffle(n, o.Seed, epoch), ScalarType.Int64, device);
        var discriminatorLosses = new List<Tensor>();
        var adversarialLosses = new List<Tensor>();
        var distanceLosses = new List<Tensor>();
        var generatorParameters = generator.named_parameters().ToList();
        var discriminatorParameters = discriminator?.named_parameters().ToList() ?? [];
        var penaltyWeight = HeldScalars.Constant(o.GradientPenaltyWeight);
        var distanceWeight = HeldScalars.Constant(o.DistanceLossWeight);
        var half = HeldScalars.Constant(0.5);
        generator.train();
        discriminator?.train();
        using var precision = MixedPrecisionScope.Enter(o.MixedPrecision, (generator, run.GeneratorOptimizer), (discriminator, run.DiscriminatorOptimizer));
        for (int b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int start = b * batchSize;
            int length = Math.Min(batchSize, n - start);
            var index = order.narrow(0, start, length);
            var source = data.TrainSource.index_select(0, index);
            var target = data.TrainTarget.index_select(0, index);
            var position = (epoch, b + 1);
            bool generatorStep = !adversarial || (b % criticSteps == criticSteps - 1) || b == batches - 1;
            Tensor translated;
            using (generatorStep ? null : no_grad())
            {
                translated = generator.call(source);
            }

            if (discriminator is not null && run.DiscriminatorOptimizer is { } discriminatorOptimizer)
            {
                SetRequiresGrad(discriminator, true);
                discriminatorOptimizer.ZeroGrad();
                var (real, fake) = jointCritic
                    ? JointCriticLosses(discriminator, target, translated.detach(), source, o.GanObjective)
                    : (AdversarialLoss.Compute(discriminator.call(target, source), true, o.GanObjective),
                       AdversarialLoss.Compute(discriminator.call(translated.detach(), source), false, o.GanObjective));
                var terms = new List<(string, Tensor)> { ("loss on real targets", real), ("loss on translated targets", fake) };
                Tensor discriminatorLoss;
                if (o.GanObjective == GanObjective.WassersteinGradientPenalty)
                {
                    var mixing = GradientPenalty.Mixing(length, device, run.Random);
                    var penalty = GradientPenalty.Compute(discriminator, target, translated, source, mixing);
                    terms.Add(("gradient penalty", penalty));
                    discriminatorLoss = real.Plus(fake).add_(penalty, penaltyWeight);
                }
                else
                {
                    discriminatorLoss = real.Plus(fake).mul_(half);
                }

                discriminatorLoss.backward();
                NonFiniteGuard.Check(
                    "discriminator",
                    discriminator,
                    GradientsOf(discriminatorParameters, discriminatorOptimizer),
                    terms,
                    [("translated batch (the generator's output)", translated), ("target batch", target), ("source batch", source)],
                    () => { discriminator.call(target, source); discriminator.call(translated.detach(), source); },
                    position,
                    lastCheckpoint);
                Clip(discriminator, discriminatorOptimizer, o.GradientClipNorm);
                discriminatorOptimizer.Step();
                discriminatorLosses.Add(discriminatorLoss.detach().MoveToOtherDisposeScope(epochScope));
            }

            if (!generatorStep)
            {
                continue;
            }

            run.GeneratorOptimizer.ZeroGrad();
            var distanceLoss = _setup.Distance.Compute(translated, target);
            var generatorTerms = new List<(string, Tensor)>();
            Tensor generatorLoss;
            if (discriminator is null)
            {
                generatorLoss = distanceLoss;
            }
            else
            {
                SetRequiresGrad(discriminator, false);
                var adversarialLoss = AdversarialLoss.Compute(discriminator.call(translated, source), true, o.GanObjective);
                generatorTerms.Add(("adversarial loss", adversarialLoss));
                generatorLoss = o.DistanceLossWeight > 0 ? adversarialLoss.add(distanceLoss, distanceWeight) : adversarialLoss;
                adversarialLosses.Add(adversarialLoss.detach().MoveToOtherDisposeScope(epochScope));
            }

            generatorTerms.Add(("distance loss", distanceLoss));
            if (generator is IAuxiliaryLossSource auxiliary && auxiliary.TakeAuxiliaryLoss() is { } extra)
            {
                generatorTerms.Add(("auxiliary loss", extra));
                generatorLoss = generatorLoss.Plus(extra);
            }

            generatorLoss.backward();
            NonFiniteGuard.Check(
                "generator",
                generator,
                GradientsOf(generatorParameters, run.GeneratorOptimizer),
                generatorTerms,
                [("source batch", source)],
                () => generator.call(source),
                position,
                lastCheckpoint);
            Clip(generator, run.GeneratorOptimizer, o.GradientClipNorm);
            run.GeneratorOptimizer.Step();
            distanceLosses.Add(distanceLoss.detach().MoveToOtherDisposeScope(epochScope));
        }

        if (discriminator is not null)
        {
            SetRequiresGrad(discriminator, true);
        }

        return (Mean(discriminatorLosses), Mean(adversarialLosses), Mean(distanceLosses));
    }

    /// <summary>Each parameter's name with the gradient its optimizer will apply (a mixed-precision copy's where it has one).</summary>
    private static List<(string Name, Tensor? Gradient)> GradientsOf(List<(string Name, TorchSharp.Modules.Parameter Parameter)> parameters, InPlaceAdam optimizer) =>
        parameters.Select(p => (p.Name, optimizer.GradientOf(p.Parameter))).ToList();

    /// <summary>
    /// The discriminator's losses on the real and the fake batch from one call on both: the same values as two calls
    /// when the discriminator treats samples independently, with matrix products twice as tall (faster on CPU), and the
    /// part that depends on the source alone computed once when the discriminator can (<see cref="IPairedCritic"/>).
    /// </summary>
    private static (Tensor Real, Tensor Fake) JointCriticLosses(
        nn.Module<Tensor, Tensor, Tensor> discriminator, Tensor target, Tensor fake, Tensor source, GanObjective objective)
    {
        long n = target.shape[0];
        var logits = discriminator is IPairedCritic paired
            ? paired.ScoreRealAndFake(target, fake, source)
            : discriminator.call(cat([target, fake], 0), cat([source, source], 0));
        return (AdversarialLoss.Compute(logits.narrow(0, 0, n), true, objective), AdversarialLoss.Compute(logits.narrow(0, n, n), false, objective));
    }

    private (double Loss, TranslationMetrics? Metrics) Validate(TrainingTensors data, nn.Module<Tensor, Tensor> generator, int epoch)
    {
        if (data.ValidationSource is null || data.ValidationTarget is null || data.ValidationActual is null)
        {
            return (double.NaN, null);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        generator.eval();
        var predicted = Predict(generator, data.ValidationSource);
        _setup.ValidationPredictions?.Invoke(epoch, predicted);
        var target = _setup.Distance.RequiresUnitInterval ? data.ValidationTarget.clamp(HeldScalars.Zero, HeldScalars.One) : data.ValidationTarget;
        double loss = _setup.Distance.Compute(predicted, target).item<float>();
        return (loss, ValidationScorer.Score(predicted, data));
    }

    /// <summary>Runs the generator over a source tensor in chunks (eval mode and no_grad are the caller's).</summary>
    internal static Tensor Predict(nn.Module<Tensor, Tensor> generator, Tensor source)
    {
        long n = source.shape[0];
        if (n <= PredictionChunk)
        {
            return generator.call(source);
        }

        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += PredictionChunk)
        {
            parts.Add(generator.call(source.narrow(0, start, Math.Min(PredictionChunk, n - start))));
        }

        return cat(parts, 0);
    }

    /// <summary>The mean of an epoch's per-step losses (each already checked finite before its step was applied).</summary>
    private static double Mean(List<Tensor> losses)
    {
        if (losses.Count == 0)
        {
            return double.NaN;
        }

        using var scope = NewDisposeScope();
        return stack(losses).to(ScalarType.Float64).mean().item<double>();
    }

    private static long[] Shuffle(int n, int seed, int epoch)
    {
        var order = new long[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        new Random(unchecked((seed * 1_000_003) + epoch)).Shuffle(order);
        return order;
    }

    private static void SetLearningRate(InPlaceAdam optimizer, double rate) => optimizer.LearningRate = rate;

    private static void SetRequiresGrad(nn.Module module, bool value)
    {
        foreach (var parameter in module.parameters())
        {
            parameter.requires_grad = value;
        }
    }

    /// <summary>
    /// Scales the gradients the optimizer will apply so that their joint 2-norm is at most <paramref name="maxNorm"/>
    /// (as <c>clip_grad_norm_</c>, but on the gradients of mixed-precision copies where parameters have them).
    /// </summary>
    internal static void Clip(nn.Module module, InPlaceAdam optimizer, double? maxNorm)
    {
        if (maxNorm is not { } norm)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradients = MixedPrecisionScope.Gradients(module, optimizer).ToList();
        if (gradients.Count == 0)
        {
            return;
        }

        double total = stack(gradients.Select(g => g.to(ScalarType.Float32).norm()).ToList()).norm().item<float>();
        double coefficient = norm / (total + 1e-6);
        if (coefficient < 1)
        {
            using var heldCoefficient = coefficient.ToScalar();
            foreach (var gradient in gradients)
            {
                gradient.mul_(heldCoefficient);
            }
        }
    }

    private static void CheckUnitInterval(Tensor target, string lossName)
    {
        double min = target.min().item<float>();
        double max = target.max().item<float>();
        if (min < 0 || max > 1)
        {
            throw new InvalidOperationException($"The {lossName} distance needs targets in [0, 1], but the scaled training targets range over [{min}, {max}].");
        }
    }
}
