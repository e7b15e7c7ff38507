
namespace OmiTrans.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class NetworkMatrixTests
{
    private static TranslationData LocalData(int samples, int sourceFeatures, int targetFeatures, int seed)
    {
        var (source, target, sourceLocations, targetLocations) = Matrices.PlantedLocal(samples, sourceFeatures, targetFeatures, seed);
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = targetLocations });
        return TranslationData.Prepare(source, target, aligner, seed: seed);
    }

    public static IGenerator SmallGenerator(string name) => name switch
    {
        "fc" => new FullyConnectedGenerator { HiddenWidths = [64, 32, 64], DropoutProbability = 0.1 },
        "unet" => new UNetGenerator { BaseChannels = 8, Depth = 2, KernelSize = 5, DropoutProbability = 0.1 },
        "fc-chromosome" => new FcChromosomeGenerator { GroupWidth = 16, HiddenWidths = [64, 64], DropoutProbability = 0.1 },
        "ved" => new VariationalGenerator { EncoderWidths = [64], LatentDimension = 16, DecoderWidths = [64], DropoutProbability = 0.1, KlWeight = 0.01 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static IDiscriminator SmallDiscriminator(string name) => name switch
    {
        "fc" => new FullyConnectedDiscriminator { HiddenWidths = [16] },
        "cnn" => new ConvolutionalDiscriminator { BaseChannels = 4, KernelSize = 3 },
        "fc-chromosome" => new FcChromosomeDiscriminator { GroupWidth = 4, SourceWidth = 8, TargetWidths = [16], JointWidths = [8] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string, string, GanObjective> Combinations()
    {
        var data = new TheoryData<string, string, GanObjective>();
        foreach (var g in new[] { "fc", "unet", "fc-chromosome", "ved" })
        {
            foreach (var d in new[] { "fc", "cnn", "fc-chromosome" })
            {
                foreach (var objective in Enum.GetValues<GanObjective>())
                {
                    data.Add(g, d, objective);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_generator_discriminator_and_objective_trains(string generator, string discriminator, GanObjective objective)
    {
        var data = LocalData(48, 24, 16, seed: 2);
        var translator = new TranslatorBuilder()
            .WithGenerator(SmallGenerator(generator))
            .WithDiscriminator(SmallDiscriminator(discriminator))
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 2, BatchSize = 16, GanObjective = objective, DiscriminatorSteps = objective == GanObjective.WassersteinGradientPenalty ? 2 : 1 })
            .Build();

        using var model = translator.Fit(data);

        model.History!.Epochs.Should().HaveCount(2);
        model.History.Epochs.Should().OnlyContain(e => double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorAdversarialLoss) && double.IsFinite(e.GeneratorDistanceLoss));
        model.TestMetrics!.Mse.Should().BeGreaterThan(0);
        model.GeneratorName.Should().Be(generator);
    }

    [Theory]
    [InlineData("fc")]
    [InlineData("unet")]
    [InlineData("fc-chromosome")]
    [InlineData("ved")]
    public void Every_generator_beats_the_mean_baseline(string generator)
    {
        var data = LocalData(240, 48, 24, seed: 4);
        var translator = new TranslatorBuilder()
            .WithGenerator(SmallGenerator(generator))
            .WithDiscriminator(SmallDiscriminator("fc"))
            .WithTraining(o => o with { Epochs = 40 })
            .Build();

        using var model = translator.Fit(data);
        using var mean = new MeanBaseline().Fit(data);

        model.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(mean.TestMetrics!.MeanFeaturewiseR2 + 0.2);
        model.TestMetrics.Mse.Should().BeLessThan(mean.TestMetrics.Mse * 0.8);
    }

    [Fact]
    public void The_variational_generator_translates_deterministically_and_saves()
    {
        var data = LocalData(64, 16, 8, seed: 5);
        var translator = new TranslatorBuilder().WithGenerator(SmallGenerator("ved")).WithTraining(o => o with { Epochs = 2 }).Build();
        using var model = translator.Fit(data);
        var probe = data.Get(SplitSet.Test).Source;
        using var dir = new TempDirectory();
        model.Save(dir.File("ved.omitrans"));
        using var loaded = TranslationModel.Load(dir.File("ved.omitrans"));

        model.Translate(probe).Values.ToArray().Should().Equal(model.Translate(probe).Values.ToArray());
        loaded.Translate(probe).Values.ToArray().Should().Equal(model.Translate(probe).Values.ToArray());
    }

    [Fact]
    public void The_chromosome_generator_needs_a_location_table()
    {
        var (source, target) = Matrices.Planted(40, 10, 5, seed: 1);
        var data = TranslationData.Prepare(source, target);
        var translator = new TranslatorBuilder().WithGenerator(SmallGenerator("fc-chromosome")).WithTraining(o => o with { Epochs = 1 }).Build();

        var act = () => translator.Fit(data);

        act.Should().Throw<InvalidOperationException>().WithMessage("*fc-chromosome generator needs the chromosome of every source feature: give the aligner a source location table.");
    }

    [Fact]
    public void Binary_cross_entropy_distance_trains_on_the_unit_interval_and_saves()
    {
        var data = LocalData(64, 16, 8, seed: 6);
        var translator = new TranslatorBuilder().WithGenerator(SmallGenerator("fc")).WithDistanceLoss(DistanceLosses.Bce).WithTraining(o => o with { Epochs = 3 }).Build();
        using var model = translator.Fit(data);
        using var dir = new TempDirectory();
        model.Save(dir.File("bce.omitrans"));
        using var loaded = TranslationModel.Load(dir.File("bce.omitrans"));
        var probe = data.Get(SplitSet.Test).Source;

        var translated = model.Translate(probe);
        loaded.Translate(probe).Values.ToArray().Should().Equal(translated.Values.ToArray());
        var train = data.Get(SplitSet.Train).Target;
        for (int f = 0; f < translated.FeatureCount; f++)
        {
            var values = train.GetFeatureValues(train.IndexOfFeature(translated.FeatureIds[f])).ToArray();
            translated.GetFeatureValues(f).ToArray().Should().OnlyContain(v => v >= values.Min() - 1e-4 && v <= values.Max() + 1e-4, "a sigmoid output stays within the training range");
        }
    }
}
