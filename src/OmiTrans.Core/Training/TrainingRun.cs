using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Everything that evolves during a fit: the networks, their optimisers, the random generator, the schedule, the
/// best generator so far and the history. A checkpoint saves and restores exactly this.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private Dictionary<string, Tensor>? _best;

    private TrainingRun(
        nn.Module<Tensor, Tensor> generator,
        nn.Module<Tensor, Tensor, Tensor>? discriminator,
        InPlaceAdam generatorOptimizer,
        InPlaceAdam? discriminatorOptimizer,
        Generator random,
        TrainingOptions options,
        bool hasValidation)
    {
        Generator = generator;
        Discriminator = discriminator;
        GeneratorOptimizer = generatorOptimizer;
        DiscriminatorOptimizer = discriminatorOptimizer;
        Random = random;
        Scheduler = new LearningRateScheduler(options);
        Selector = new BestEpochSelector(options.SelectionMetric, hasValidation);
    }

    public nn.Module<Tensor, Tensor> Generator { get; private set; }

    public nn.Module<Tensor, Tensor, Tensor>? Discriminator { get; }

    public InPlaceAdam GeneratorOptimizer { get; }

    public InPlaceAdam? DiscriminatorOptimizer { get; }

    public Generator Random { get; private set; }

    public LearningRateScheduler Scheduler { get; }

    public BestEpochSelector Selector { get; }

    public List<EpochReport> Reports { get; } = [];

    public int CompletedEpochs { get; set; }

    /// <summary>The epoch whose generator is kept: 0 for the data-fitted starting state, -1 before any is chosen.</summary>
    public int SelectedEpoch { get; set; } = -1;

    public bool StoppedEarly { get; set; }

    /// <summary>The state of the best generator so far (CPU or device copies), or null.</summary>
    public IReadOnlyDictionary<string, Tensor>? Best => _best;

    public static TrainingRun Create(TrainerSetup setup, TrainingTensors data)
    {
        var o = setup.Options;
        var random = new Generator((ulong)o.Seed + 1, setup.Device);
        nn.Module<Tensor, Tensor>? generator = null;
        nn.Module<Tensor, Tensor, Tensor>? discriminator = null;
        InPlaceAdam? generatorOptimizer = null;
        try
        {
            var context = new NetworkContext((int)data.TrainSource.shape[1], (int)data.TrainTarget.shape[1], setup.SourceGroups, random)
            {
                SourceLocations = setup.SourceLocations,
                TargetLocations = setup.TargetLocations,
            };
            using (var initRandom = new Generator((ulong)o.Seed, CPU))
            {
                generator = GeneratorNetwork.Build(setup.Generator, context, setup.Distance.RequiresUnitInterval);
                WeightInitializer.Apply(generator, o.WeightInitialization, o.InitializationGain, setup.Generator.LeakyReluSlope, initRandom);
                if (setup.Discriminator is { } factory)
                {
                    discriminator = factory.Create(context) ?? throw new InvalidOperationException($"The discriminator '{factory.Name}' returned no module.");
                    WeightInitializer.Apply(discriminator, o.WeightInitialization, o.InitializationGain, setup.Generator.LeakyReluSlope, initRandom);
                }
            }

            generator.to(setup.Device);
            discriminator?.to(setup.Device);
            generatorOptimizer = new InPlaceAdam(generator.parameters(), o.GeneratorLearningRate, o.Beta1, o.Beta2, o.GeneratorWeightDecay);
            var discriminatorOptimizer = discriminator is null ? null : new InPlaceAdam(discriminator.parameters(), o.DiscriminatorLearningRate, o.Beta1, o.Beta2);
            return new TrainingRun(generator, discriminator, generatorOptimizer, discriminatorOptimizer, random, o, data.ValidationCount > 0);
        }
        catch
        {
            generatorOptimizer?.Dispose();
            generator?.Dispose();
            discriminator?.Dispose();
            random.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a copy of the current generator as the best so far.</summary>
    public void KeepBest()
    {
        if (_best is null)
        {
            _best = Snapshot(Generator);
            return;
        }

        // Overwrite the previous copy in place: no allocation (and no fresh pages) each time validation improves.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, value) in Generator.state_dict())
        {
            _best[name].copy_(value);
        }
    }

    /// <summary>
    /// Lets the generator set the parts of the fresh network that are fitted from the data
    /// (<see cref="IGenerator.InitializeFromData"/>). Not needed when a checkpoint's weights are restored instead, nor for
    /// a sigmoid output (a linear map into the squashed range would not be a ridge solution).
    /// </summary>
    /// <returns>Whether anything was fitted, so that the starting state is itself a candidate for the kept generator.</returns>
    public bool InitializeFromData(IGenerator factory, TrainingTensors data, bool sigmoidOutput, CancellationToken cancellationToken)
    {
        if (sigmoidOutput)
        {
            return false;
        }

        var initialization = new GeneratorInitialization(data.TrainSource, data.TrainTarget, data.ValidationCount > 0, (weight, bias, token) => FitRidgeInto(data, weight, bias, token), cancellationToken);
        return factory.InitializeFromData(Generator, initialization);
    }

    /// <summary>The validated ridge map of the scaled training data, written into a weight and bias (the ridge baseline's grid and metric).</summary>
    private static void FitRidgeInto(TrainingTensors data, Tensor weight, Tensor bias, CancellationToken cancellationToken)
    {
        using var path = new RidgePath(data.TrainSource, data.TrainTarget);
        var (penalty, _, _) = RidgeSelection.Select(path, data, RidgePath.DefaultRelativePenalties, SelectionMetric.MeanFeaturewiseR2, cancellationToken);
        using var noGrad = no_grad();
        path.SolveInto(weight, bias, penalty * path.MeanEigenvalue);
    }

    /// <summary>Replaces the best-so-far copy (used when restoring a checkpoint).</summary>
    public void SetBest(Dictionary<string, Tensor>? best)
    {
        DisposeBest();
        _best = best;
    }

    /// <summary>Loads the best generator (when it is not the last one), hands over the generator and random generator.</summary>
    public TrainedNetwork Finish(double seconds)
    {
        if (_best is not null && SelectedEpoch != Reports.Count)
        {
            Generator.load_state_dict(_best);
        }

        Generator.eval();
        var history = new TrainingHistory
        {
            Epochs = Reports.ToArray(),
            SelectedEpoch = SelectedEpoch < 0 ? Reports.Count : SelectedEpoch,
            StoppedEarly = StoppedEarly,
            Seconds = seconds,
        };
        var trained = new TrainedNetwork(Generator, Random, history);
        Generator = null!;
        Random = null!;
        return trained;
    }

    public static Dictionary<string, Tensor> Snapshot(nn.Module module)
    {
        var snapshot = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope(); // state_dict() hands out new wrappers; only the detached clones outlive it
        foreach (var (name, value) in module.state_dict())
        {
            snapshot[name] = value.detach().clone().DetachFromDisposeScope();
        }

        return snapshot;
    }

    public void Dispose()
    {
        DisposeBest();
        Discriminator?.Dispose();
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer?.Dispose();
        Generator?.Dispose();
        Random?.Dispose();
    }

    private void DisposeBest()
    {
        if (_best is null)
        {
            return;
        }

        foreach (var t in _best.Values)
        {
            t.Dispose();
        }

        _best = null;
    }
}
