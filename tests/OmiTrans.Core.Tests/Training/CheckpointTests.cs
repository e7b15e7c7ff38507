
namespace OmiTrans.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CheckpointTests : TempDirectoryTest
{
    private static TranslationData Data()
    {
        var (source, target) = Matrices.Planted(samples: 120, sourceFeatures: 20, targetFeatures: 8, seed: 8);
        return TranslationData.Prepare(source, target, seed: 8);
    }

    private static Translator Build(string directory, bool resume, GanObjective objective = GanObjective.Vanilla, LearningRateSchedule schedule = LearningRateSchedule.Linear) => new TranslatorBuilder()
        .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32, 16, 32], DropoutProbability = 0.2 })
        .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [16] })
        .WithTraining(o => o with { Epochs = 6, Seed = 3, GanObjective = objective, Schedule = schedule, DiscriminatorSteps = objective == GanObjective.WassersteinGradientPenalty ? 2 : 1 })
        .WithCheckpoints(new CheckpointOptions { Directory = directory, EveryEpochs = 1, Resume = resume })
        .Build();

    [Theory]
    [InlineData(GanObjective.Vanilla, LearningRateSchedule.Linear)]
    [InlineData(GanObjective.WassersteinGradientPenalty, LearningRateSchedule.ReduceOnPlateau)]
    public void A_run_interrupted_at_epoch_k_and_resumed_ends_with_the_same_weights(GanObjective objective, LearningRateSchedule schedule)
    {
        var data = Data();
        var probe = data.Get(SplitSet.Test).Source;
        using var uninterrupted = Build(Dir.File("a"), resume: false, objective, schedule).Fit(data);

        using var cancellation = new CancellationTokenSource();
        var stopAfterThree = new SynchronousProgress<EpochReport>(r =>
        {
            if (r.Epoch == 3)
            {
                cancellation.Cancel();
            }
        });
        var interrupted = () => Build(Dir.File("b"), resume: false, objective, schedule).Fit(data, stopAfterThree, cancellation.Token);
        interrupted.Should().Throw<OperationCanceledException>();
        File.Exists(Path.Combine(Dir.File("b"), CheckpointOptions.FileName)).Should().BeTrue();

        var resumedReports = new List<int>();
        using var resumed = Build(Dir.File("b"), resume: true, objective, schedule).Fit(data, new SynchronousProgress<EpochReport>(r => resumedReports.Add(r.Epoch)));

        resumedReports.Should().Equal(4, 5, 6);
        resumed.History!.Epochs.Should().HaveCount(6);
        resumed.History.SelectedEpoch.Should().Be(uninterrupted.History!.SelectedEpoch);
        resumed.Translate(probe).Values.ToArray().Should().Equal(uninterrupted.Translate(probe).Values.ToArray());
        Directory.GetFiles(Dir.File("b")).Should().Equal(Path.Combine(Dir.File("b"), CheckpointOptions.FileName));
    }

    [Fact]
    public void Resuming_with_other_data_or_settings_is_refused()
    {
        var data = Data();
        using (Build(Dir.File("c"), resume: false).Fit(data))
        {
        }

        var (source, target) = Matrices.Planted(samples: 120, sourceFeatures: 20, targetFeatures: 8, seed: 9);
        var otherData = TranslationData.Prepare(source, target, seed: 8);
        var otherSettings = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32, 16, 32], DropoutProbability = 0.2 })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [16] })
            .WithTraining(o => o with { Epochs = 6, Seed = 3, BatchSize = 8 })
            .WithCheckpoints(new CheckpointOptions { Directory = Dir.File("c"), Resume = true })
            .Build();

        FluentActions.Invoking(() => Build(Dir.File("c"), resume: true).Fit(otherData)).Should().Throw<InvalidOperationException>().WithMessage("*written for different training data*");
        FluentActions.Invoking(() => otherSettings.Fit(data)).Should().Throw<InvalidOperationException>().WithMessage("*written with other settings*");
    }

    [Fact]
    public void A_damaged_or_old_checkpoint_is_refused_with_the_file_and_the_damaged_entry_named()
    {
        var data = Data();
        using (Build(Dir.File("d"), resume: false).Fit(data))
        {
        }

        var checkpoint = Path.Combine(Dir.File("d"), CheckpointOptions.FileName);
        var bytes = File.ReadAllBytes(checkpoint);
        var entries = ZipSurgery.ReadEntries(checkpoint);
        entries.Select(e => e.Name).Should().EndWith("checksums.sha256").And.Contain(["state.json", "generator.bin", "random.bin"]);

        // One bit flipped inside the stored (uncompressed) random.bin content: only its checksum can tell.
        var random = entries.Single(e => e.Name == "random.bin").Content;
        int at = bytes.AsSpan().IndexOf(random.AsSpan(0, 64));
        if (at < 0)
        {
            at = bytes.Length / 2;
        }

        bytes[at + 10] ^= 0x04;
        File.WriteAllBytes(checkpoint, bytes);
        FluentActions.Invoking(() => Build(Dir.File("d"), resume: true).Fit(data)).Should().Throw<InvalidDataException>()
            .WithMessage($"{checkpoint} is damaged*entry*The checkpoint cannot be resumed*");

        using (var zip = new System.IO.Compression.ZipArchive(File.Create(checkpoint), System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("state.json").Open()))
        {
            writer.Write("{\"formatVersion\": 2}");
        }

        FluentActions.Invoking(() => Build(Dir.File("d"), resume: true).Fit(data)).Should().Throw<InvalidDataException>()
            .WithMessage($"{checkpoint} has no 'checksums.sha256' entry: it was written by an older OmiTrans*");
    }

    [Fact]
    public void The_returned_generator_is_the_best_validation_epoch()
    {
        var data = Data();
        var translator = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32, 16, 32] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 12, GeneratorLearningRate = 0.02, DiscriminatorLearningRate = 0.02, Schedule = LearningRateSchedule.Constant })
            .Build();

        using var model = translator.Fit(data);

        var history = model.History!;
        var best = history.Epochs.MaxBy(e => e.ValidationMetrics!.MeanFeaturewiseR2)!;
        history.SelectedEpoch.Should().Be(best.Epoch);
        var (validationSource, validationTarget) = data.Get(SplitSet.Validation);
        model.Evaluate(validationSource, validationTarget).Metrics.MeanFeaturewiseR2.Should().BeApproximately(best.ValidationMetrics!.MeanFeaturewiseR2, 1e-6);
    }

    [Fact]
    public void Early_stopping_ends_training_after_the_patience()
    {
        var data = Data();
        var translator = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 200, EarlyStoppingPatience = 3, GeneratorLearningRate = 0.05, Schedule = LearningRateSchedule.Constant })
            .Build();

        using var model = translator.Fit(data);

        var history = model.History!;
        history.StoppedEarly.Should().BeTrue();
        history.Epochs.Count.Should().Be(history.SelectedEpoch + 3);
    }
}
