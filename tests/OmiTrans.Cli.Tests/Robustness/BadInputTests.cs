
namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Degenerate inputs that are not malformed files (those are in Data/OmicsFileTests and Alignment/DatasetAlignerTests):
/// each gets a specific exception naming the problem, or a documented, reported behaviour.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class BadInputTests : TempDirectoryTest
{
    private static Translator Small(int epochs = 2, int batch = 32) => new TranslatorBuilder()
        .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [16] })
        .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
        .WithTraining(o => o with { Epochs = epochs, BatchSize = batch, Seed = 4 })
        .WithoutCrossValidation() // the training loop's edge cases, on the validation-split path
        .Build();

    [Fact]
    public void One_shared_sample_is_refused_with_the_counts()
    {
        var (source, target) = Matrices.Planted(samples: 10, sourceFeatures: 5, targetFeatures: 3, seed: 1);
        var oneShared = target.SelectSamples([0]);

        var act = () => Small().Fit(source, oneShared);

        act.Should().Throw<OmicsSchemaException>().WithMessage("*at least 2 training samples*");
    }

    [Fact]
    public void Fewer_training_samples_than_the_batch_size_train_in_one_smaller_batch()
    {
        var (source, target) = Matrices.Planted(samples: 20, sourceFeatures: 6, targetFeatures: 3, seed: 2);

        using var model = Small(epochs: 3, batch: 128).Fit(source, target);

        model.History!.Epochs.Should().HaveCount(3);
        model.Translate(source).Values.ToArray().Should().OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void A_constant_target_feature_is_kept_reported_and_translated_to_its_constant()
    {
        var (source, target) = Matrices.Planted(samples: 60, sourceFeatures: 8, targetFeatures: 3, seed: 3);
        var values = target.Values.ToArray();
        Array.Fill(values, 7.5f, 0, target.SampleCount);
        var withConstant = OmicsMatrix.FromFeatureRows(target.FeatureIds, target.SampleIds, values);

        using var model = Small().Fit(source, withConstant);

        model.Reports!.Preprocessing.ConstantTargetFeatures.Should().Equal("gene1");
        model.Translate(source).GetFeatureValues(0).ToArray().Should().OnlyContain(v => v == 7.5f);
    }

    [Fact]
    public void An_all_missing_feature_is_dropped_and_named_in_the_report()
    {
        var (source, target) = Matrices.Planted(samples: 60, sourceFeatures: 8, targetFeatures: 3, seed: 5);
        var values = source.Values.ToArray();
        Array.Fill(values, float.NaN, 2 * source.SampleCount, source.SampleCount);

        using var model = Small().Fit(OmicsMatrix.FromFeatureRows(source.FeatureIds, source.SampleIds, values), target);

        model.Reports!.Preprocessing.SourceDroppedForMissing.Should().Equal("cg3");
        model.SourceFeatureIds.Should().NotContain("cg3").And.HaveCount(7);
    }

    [Fact]
    public void A_single_source_feature_and_a_single_target_feature_train_and_translate()
    {
        var (source, target) = Matrices.Planted(samples: 60, sourceFeatures: 1, targetFeatures: 1, seed: 6);

        using var model = Small().Fit(source, target);

        model.SourceFeatureIds.Should().ContainSingle();
        model.Translate(source).FeatureCount.Should().Be(1);
    }

    [Fact]
    public void Values_far_outside_the_training_range_translate_to_finite_values()
    {
        var (source, target) = Matrices.Planted(samples: 60, sourceFeatures: 8, targetFeatures: 3, seed: 7);
        using var model = Small().Fit(source, target);

        var extreme = model.Translate(source.Map(v => (v * 1e6f) - 3e5f));

        extreme.Values.ToArray().Should().OnlyContain(v => float.IsFinite(v), "the network's output stays finite; non-finite output would be refused with a clear error");
    }

    [Fact]
    public void Inputs_with_only_constant_source_features_are_refused_when_the_variance_filter_removes_everything()
    {
        var (_, target) = Matrices.Planted(samples: 40, sourceFeatures: 4, targetFeatures: 2, seed: 8);
        var constant = OmicsMatrix.FromFeatureRows(["a", "b"], target.SampleIds, Enumerable.Repeat(0.5f, 2 * target.SampleCount).ToArray());
        var translator = new TranslatorBuilder().WithPreprocessing(new PreprocessingOptions { MinSourceVariance = 1e-6 }).WithTraining(o => o with { Epochs = 1 }).Build();

        var act = () => translator.Fit(constant, target);

        act.Should().Throw<OmicsSchemaException>().WithMessage("*left 0 source*");
    }

    [Theory]
    [InlineData("train", "--source", "does-not-exist.tsv", "--target", "does-not-exist.tsv")]
    [InlineData("translate", "--model", "missing.omitrans", "--source", "x.tsv", "--out", "y.tsv")]
    [InlineData("train", "--epochs", "many")]
    public void The_tool_exits_2_with_one_error_line_on_standard_error(params string[] arguments)
    {
        var (exitCode, _, error) = CliProcess.Run(arguments);

        exitCode.Should().Be(2, "a missing file and a value that is not a number are bad input");
        error.Trim().Split('\n').Where(l => l.StartsWith("omitrans: error:", StringComparison.Ordinal)).Should().HaveCount(1, $"one error line, got: {error}");
        error.Trim().Split('\n').Should().OnlyContain(l => l.StartsWith("omitrans: ", StringComparison.Ordinal), "an argument error adds only a pointer to --help");
    }
}
