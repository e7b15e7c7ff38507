using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

/// <summary>The original code's per-chromosome networks: the shared per-chromosome layer and the discriminator.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ChromosomeNetworkTests : TempDirectoryTest
{
    private static readonly FeatureGroup[] Groups = [new("1", 0, 13), new("2", 13, 7), new("X", 20, 1), new("unplaced", 21, 9)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stacked_chromosome_blocks_compute_what_each_block_computes_on_its_own(bool bf16)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(11, CPU);
        var blocks = ChromosomeBlocks.Create(Groups, 6, FeatureNormalization.PerSample, 0.3, 0.2, random);
        if (bf16)
        {
            foreach (var block in blocks.Blocks)
            {
                MixedPrecisionLinear.SetComputeType(block, ScalarType.BFloat16);
            }
        }

        var source = randn([9, 30], generator: random);
        var weights = randn([9, 24], generator: random);

        random.manual_seed(5);
        var stacked = blocks.Forward(source);
        (stacked * weights).sum().backward();
        var stackedGrads = blocks.Blocks.SelectMany(b => b.parameters()).Select(p => p.grad!.clone()).ToList();
        foreach (var p in blocks.Blocks.SelectMany(b => b.parameters()))
        {
            p.grad = null;
        }

        random.manual_seed(5);
        var separate = blocks.ForwardBlockByBlock(source);
        (separate * weights).sum().backward();
        var separateGrads = blocks.Blocks.SelectMany(b => b.parameters()).Select(p => p.grad!).ToList();

        stacked.shape.Should().Equal(9, 24);
        stacked.eq(HeldScalars.Zero).sum().item<long>().Should().BeGreaterThan(0, "dropout is active in training mode");
        stacked.sub(separate).abs().max().item<float>().Should().BeLessThan(1e-6f, "same products, same dropout draws");
        for (int i = 0; i < stackedGrads.Count; i++)
        {
            stackedGrads[i].sub(separateGrads[i]).abs().max().item<float>().Should().BeLessThan(1e-5f);
        }
    }

    [Fact]
    public void The_chromosome_discriminator_scores_each_sample_on_its_own()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(3, CPU);
        var context = new NetworkContext(30, 12, Groups, random);
        using var discriminator = new FcChromosomeDiscriminator { GroupWidth = 4, SourceWidth = 8, TargetWidths = [16, 8], JointWidths = [8], OutputLogits = 5 }.Create(context);
        discriminator.train();
        var source = randn([6, 30], generator: random);
        var target = randn([6, 12], generator: random);

        var together = discriminator.call(target, source);
        var one = discriminator.call(target.narrow(0, 2, 1), source.narrow(0, 2, 1));

        together.shape.Should().Equal(6, 5);
        one.sub(together.narrow(0, 2, 1)).abs().max().item<float>().Should().BeLessThan(1e-5f, "one call on real and fake stacked equals two calls");
        discriminator.parameters().Sum(p => p.numel()).Should().Be(
            (30 * 4) + (4 * 4) + (16 * 8) + 8 + (12 * 16) + 16 + (16 * 8) + 8 + (16 * 8) + 8 + (8 * 5) + 5,
            "per-chromosome blocks, the source block, two target blocks, one joint block and the logits");
    }

    [Fact]
    public void The_chromosome_discriminator_needs_a_location_table()
    {
        var (source, target) = Matrices.Planted(40, 10, 5, seed: 1);
        var translator = new TranslatorBuilder().WithDiscriminator(new FcChromosomeDiscriminator()).WithTraining(o => o with { Epochs = 1 }).Build();

        var act = () => translator.Fit(TranslationData.Prepare(source, target));

        act.Should().Throw<InvalidOperationException>().WithMessage("*fc-chromosome discriminator needs the chromosome of every source feature: give the aligner a source location table.");
    }

    [Fact]
    public void The_original_pair_trains_resumes_from_a_checkpoint_and_beats_the_mean()
    {
        var (source, target, sourceLocations, targetLocations) = Matrices.PlantedLocal(240, 48, 24, seed: 4);
        var data = TranslationData.Prepare(source, target, new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = targetLocations }), seed: 4);
        Translator Build(string directory, bool resume) => new TranslatorBuilder()
            .WithGenerator(new FcChromosomeGenerator { GroupWidth = 16, HiddenWidths = [64, 64], DropoutProbability = 0.1 })
            .WithDiscriminator(new FcChromosomeDiscriminator { GroupWidth = 4, SourceWidth = 8, TargetWidths = [16, 8], JointWidths = [8] })
            .WithTraining(o => o with { Epochs = 40, Seed = 4 })
            .WithoutFallback()
            .WithCheckpoints(new CheckpointOptions { Directory = directory, EveryEpochs = 1, Resume = resume })
            .Build();

        using var uninterrupted = Build(Dir.File("a"), resume: false).Fit(data);
        using var cancellation = new CancellationTokenSource();
        var stop = new SynchronousProgress<EpochReport>(r =>
        {
            if (r.Epoch == 15)
            {
                cancellation.Cancel();
            }
        });
        var interrupted = () => Build(Dir.File("b"), resume: false).Fit(data, stop, cancellation.Token);
        interrupted.Should().Throw<OperationCanceledException>();
        using var resumed = Build(Dir.File("b"), resume: true).Fit(data);
        using var mean = new MeanBaseline().Fit(data);
        var probe = data.Get(SplitSet.Test).Source;

        resumed.Translate(probe).Values.ToArray().Should().Equal(uninterrupted.Translate(probe).Values.ToArray());
        uninterrupted.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(mean.TestMetrics!.MeanFeaturewiseR2 + 0.2);
        uninterrupted.TestMetrics.Mse.Should().BeLessThan(mean.TestMetrics.Mse * 0.8);
    }
}
