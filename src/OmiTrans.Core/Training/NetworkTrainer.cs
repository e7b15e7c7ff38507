using System.Diagnostics;
using OmiTrans.Evaluation;
using OmiTrans.Networks;
using TorchSharp;
using TorchSharp.Modules;
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

    /// <summary>The LeakyReLU slope used by Kaiming initialisation.</summary>
    public double LeakySlope { get; init; } = 0.2;
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
/// step (adversarial loss with the updated discriminator plus λ times the distance loss), as in pix2pix and the
/// original OmiTrans. The data stays on the device; batches are gathered by shuffled index. Validation runs once
/// per epoch, vectorised; the best generator by the selection metric is kept.
/// </summary>
internal sealed class NetworkTrainer
{
    private const int ValidationChunk = 1024;
    private readonly TrainerSetup _setup;

    public NetworkTrainer(TrainerSetup setup)
    {
        _setup = setup;
    }

    public TrainedNetwork Train(TrainingTensors data, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        var o = _setup.Options;
        var device = _setup.Device;
        var distance = _setup.Distance;
        if (o.EarlyStoppingPatience is not null && data.ValidationCount == 0)
        {
            throw new InvalidOperationException("Early stopping needs validation samples, but the split has none.");
        }

        if (distance.RequiresUnitInterval)
        {
            CheckUnitInterval(data.TrainTarget, distance.Name);
        }

        var clock = Stopwatch.StartNew();
        var random = new Generator((ulong)o.Seed + 1, device);
        nn.Module<Tensor, Tensor>? generator = null;
        nn.Module<Tensor, Tensor, Tensor>? discriminator = null;
        optim.Optimizer? generatorOptimizer = null;
        optim.Optimizer? discriminatorOptimizer = null;
        Dictionary<string, Tensor>? best = null;
        try
        {
            var context = new NetworkContext((int)data.TrainSource.shape[1], (int)data.TrainTarget.shape[1], _setup.SourceGroups, random);
            using (var initRandom = new Generator((ulong)o.Seed, CPU))
            {
                generator = GeneratorNetwork.Build(_setup.Generator, context, distance.RequiresUnitInterval);
                WeightInitializer.Apply(generator, o.WeightInitialization, o.InitializationGain, _setup.LeakySlope, initRandom);
                if (_setup.Discriminator is { } factory)
                {
                    discriminator = factory.Create(context) ?? throw new InvalidOperationException($"The discriminator '{factory.Name}' returned no module.");
                    WeightInitializer.Apply(discriminator, o.WeightInitialization, o.InitializationGain, _setup.LeakySlope, initRandom);
                }
            }

            generator.to(device);
            discriminator?.to(device);
            generatorOptimizer = o.GeneratorWeightDecay > 0
                ? optim.AdamW(generator.parameters(), o.GeneratorLearningRate, o.Beta1, o.Beta2, weight_decay: o.GeneratorWeightDecay)
                : optim.Adam(generator.parameters(), o.GeneratorLearningRate, o.Beta1, o.Beta2);
            if (discriminator is not null)
            {
                discriminatorOptimizer = optim.Adam(discriminator.parameters(), o.DiscriminatorLearningRate, o.Beta1, o.Beta2);
            }

            var scheduler = new LearningRateScheduler(o);
            var reports = new List<EpochReport>();
            var selector = new BestEpochSelector(o.SelectionMetric, data.ValidationCount > 0);
            int selectedEpoch = 0;
            bool stoppedEarly = false;
            for (int epoch = 1; epoch <= o.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                double factor = scheduler.Factor(epoch);
                SetLearningRate(generatorOptimizer, o.GeneratorLearningRate * factor);
                if (discriminatorOptimizer is not null)
                {
                    SetLearningRate(discriminatorOptimizer, o.DiscriminatorLearningRate * factor);
                }

                var losses = RunEpoch(epoch, data, generator, discriminator, generatorOptimizer, discriminatorOptimizer, random, cancellationToken);
                var (validationLoss, metrics) = Validate(data, generator);
                scheduler.Observe(data.ValidationCount > 0 ? validationLoss : losses.Distance);
                bool isBest = selector.Offer(epoch, validationLoss, metrics);
                if (isBest)
                {
                    DisposeAll(best);
                    best = Snapshot(generator);
                    selectedEpoch = epoch;
                }

                var report = new EpochReport
                {
                    Epoch = epoch,
                    TotalEpochs = o.Epochs,
                    DiscriminatorLoss = losses.Discriminator,
                    GeneratorAdversarialLoss = losses.Adversarial,
                    GeneratorDistanceLoss = losses.Distance,
                    GeneratorLearningRate = o.GeneratorLearningRate * factor,
                    DiscriminatorLearningRate = discriminator is null ? double.NaN : o.DiscriminatorLearningRate * factor,
                    ValidationLoss = validationLoss,
                    ValidationMetrics = metrics,
                    IsBest = isBest,
                    Seconds = epochClock.Elapsed.TotalSeconds,
                };
                reports.Add(report);
                progress?.Report(report);
                if (o.EarlyStoppingPatience is { } patience && epoch - selector.BestEpoch >= patience && epoch < o.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            if (best is not null && selectedEpoch != reports.Count)
            {
                generator.load_state_dict(best);
            }

            generator.eval();
            var history = new TrainingHistory
            {
                Epochs = reports,
                SelectedEpoch = selectedEpoch == 0 ? reports.Count : selectedEpoch,
                StoppedEarly = stoppedEarly,
                Seconds = clock.Elapsed.TotalSeconds,
            };
            var trained = new TrainedNetwork(generator, random, history);
            generator = null;
            return trained;
        }
        catch
        {
            generator?.Dispose();
            random.Dispose();
            throw;
        }
        finally
        {
            DisposeAll(best);
            discriminator?.Dispose();
            generatorOptimizer?.Dispose();
            discriminatorOptimizer?.Dispose();
        }
    }

    private (double Discriminator, double Adversarial, double Distance) RunEpoch(
        int epoch,
        TrainingTensors data,
        nn.Module<Tensor, Tensor> generator,
        nn.Module<Tensor, Tensor, Tensor>? discriminator,
        optim.Optimizer generatorOptimizer,
        optim.Optimizer? discriminatorOptimizer,
        Generator random,
        CancellationToken cancellationToken)
    {
        var o = _setup.Options;
        var device = _setup.Device;
        int n = data.TrainCount;
        int batchSize = Math.Min(o.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        var order = Shuffle(n, o.Seed, epoch);
        bool adversarial = discriminator is not null;
        int criticSteps = adversarial ? o.DiscriminatorSteps : 1;

        using var epochScope = NewDisposeScope();
        using var orderTensor = tensor(order, ScalarType.Int64, device);
        var discriminatorLosses = new List<Tensor>();
        var adversarialLosses = new List<Tensor>();
        var distanceLosses = new List<Tensor>();
        generator.train();
        discriminator?.train();
        for (int b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int start = b * batchSize;
            int length = Math.Min(batchSize, n - start);
            var index = orderTensor.narrow(0, start, length);
            var source = data.TrainSource.index_select(0, index);
            var target = data.TrainTarget.index_select(0, index);
            bool generatorStep = !adversarial || (b % criticSteps == criticSteps - 1) || b == batches - 1;
            Tensor translated;
            using (generatorStep ? null : no_grad())
            {
                translated = generator.call(source);
            }

            if (discriminator is not null && discriminatorOptimizer is not null)
            {
                SetRequiresGrad(discriminator, true);
                discriminatorOptimizer.zero_grad();
                var realLogits = discriminator.call(target, source);
                var fakeLogits = discriminator.call(translated.detach(), source);
                Tensor discriminatorLoss;
                if (o.GanObjective == GanObjective.WassersteinGradientPenalty)
                {
                    var mixing = GradientPenalty.Mixing(length, device, random);
                    var penalty = GradientPenalty.Compute(discriminator, target, translated, source, mixing);
                    discriminatorLoss = AdversarialLoss.Compute(realLogits, true, o.GanObjective) + AdversarialLoss.Compute(fakeLogits, false, o.GanObjective) + (o.GradientPenaltyWeight * penalty);
                }
                else
                {
                    discriminatorLoss = 0.5 * (AdversarialLoss.Compute(realLogits, true, o.GanObjective) + AdversarialLoss.Compute(fakeLogits, false, o.GanObjective));
                }

                discriminatorLoss.backward();
                Clip(discriminator, o.GradientClipNorm);
                discriminatorOptimizer.step();
                discriminatorLosses.Add(discriminatorLoss.detach().MoveToOtherDisposeScope(epochScope));
            }

            if (!generatorStep)
            {
                continue;
            }

            generatorOptimizer.zero_grad();
            var distanceLoss = _setup.Distance.Compute(translated, target);
            Tensor generatorLoss;
            if (discriminator is not null)
            {
                SetRequiresGrad(discriminator, false);
                var adversarialLoss = AdversarialLoss.Compute(discriminator.call(translated, source), true, o.GanObjective);
                generatorLoss = o.DistanceLossWeight > 0 ? adversarialLoss + (o.DistanceLossWeight * distanceLoss) : adversarialLoss;
                adversarialLosses.Add(adversarialLoss.detach().MoveToOtherDisposeScope(epochScope));
            }
            else
            {
                generatorLoss = distanceLoss;
            }

            generatorLoss.backward();
            Clip(generator, o.GradientClipNorm);
            generatorOptimizer.step();
            distanceLosses.Add(distanceLoss.detach().MoveToOtherDisposeScope(epochScope));
        }

        if (discriminator is not null)
        {
            SetRequiresGrad(discriminator, true);
        }

        return (
            MeanChecked(discriminatorLosses, epoch, criticSteps, "discriminator loss"),
            MeanChecked(adversarialLosses, epoch, criticSteps, "generator adversarial loss"),
            MeanChecked(distanceLosses, epoch, criticSteps, "generator distance loss"));
    }

    private (double Loss, TranslationMetrics? Metrics) Validate(TrainingTensors data, nn.Module<Tensor, Tensor> generator)
    {
        if (data.ValidationSource is null || data.ValidationTarget is null || data.ValidationActual is null)
        {
            return (double.NaN, null);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        generator.eval();
        var predicted = Predict(generator, data.ValidationSource);
        double loss = _setup.Distance.Compute(predicted, data.ValidationTarget).item<float>();
        var inTargetUnits = predicted.mul(data.TargetRange).add_(data.TargetMin);
        var metrics = MetricsCalculator.Evaluate(inTargetUnits, data.ValidationActual, data.ValidationSampleIds, data.TargetFeatureIds).Metrics;
        return (loss, metrics);
    }

    /// <summary>Runs the generator over a source tensor in chunks (eval mode and no_grad are the caller's).</summary>
    internal static Tensor Predict(nn.Module<Tensor, Tensor> generator, Tensor source)
    {
        long n = source.shape[0];
        if (n <= ValidationChunk)
        {
            return generator.call(source);
        }

        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += ValidationChunk)
        {
            parts.Add(generator.call(source.narrow(0, start, Math.Min(ValidationChunk, n - start))));
        }

        return cat(parts, 0);
    }

    private static double MeanChecked(List<Tensor> losses, int epoch, int criticSteps, string name)
    {
        if (losses.Count == 0)
        {
            return double.NaN;
        }

        var values = stack(losses).cpu().data<float>().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                int batch = name.StartsWith("discriminator", StringComparison.Ordinal) ? i + 1 : ((i + 1) * criticSteps);
                throw new TrainingDivergedException(epoch, batch, name, values[i], null);
            }
        }

        return values.Average();
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

    private static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    private static void SetRequiresGrad(nn.Module module, bool value)
    {
        foreach (var parameter in module.parameters())
        {
            parameter.requires_grad = value;
        }
    }

    private static void Clip(nn.Module module, double? maxNorm)
    {
        if (maxNorm is { } norm)
        {
            nn.utils.clip_grad_norm_(module.parameters(), norm);
        }
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module)
    {
        var snapshot = new Dictionary<string, Tensor>();
        foreach (var (name, value) in module.state_dict())
        {
            snapshot[name] = value.detach().clone().DetachFromDisposeScope();
        }

        return snapshot;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (var t in tensors.Values)
        {
            t.Dispose();
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
