namespace OmiTrans.Core.Tests.Preprocessing;

/// <summary>
/// Value transforms are part of the model (issue 17 item 6): fitted with the preprocessing, recorded in the file and
/// applied by Translate and Evaluate, so raw data gives what hand-transformed data gave.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class ValueTransformTests : TempDirectoryTest
{
    /// <summary>Linear-scale source (2^(4v) - 1 of planted values) and its log2(x + 1), with the planted target.</summary>
    private static (TranslationData Raw, TranslationData ByHand) Data(bool rawTarget = false)
    {
        var (source, target) = Matrices.Planted(samples: 90, sourceFeatures: 12, targetFeatures: 5, seed: 17);
        var raw = source.Map(v => MathF.Pow(2, 4 * v) - 1);
        var rawTargetValues = rawTarget ? target.Map(v => MathF.Pow(2, v + 5) - 1) : target;
        var byHandTarget = rawTarget ? OmicsTransforms.Log2PlusOne(rawTargetValues) : target;
        return (TranslationData.Prepare(raw, rawTargetValues, seed: 17), TranslationData.Prepare(OmicsTransforms.Log2PlusOne(raw), byHandTarget, seed: 17));
    }

    private static RidgeBaseline Ridge(ValueTransform source = ValueTransform.None, ValueTransform target = ValueTransform.None)
        => new(new RidgeOptions { Preprocessing = new PreprocessingOptions { SourceTransform = source, TargetTransform = target } });

    [Fact]
    public void A_model_fitted_with_a_source_transform_translates_raw_data_as_a_model_fitted_on_transformed_data()
    {
        var (raw, byHand) = Data();
        using var recorded = Ridge(ValueTransform.Log2PlusOne).Fit(raw);
        using var manual = Ridge().Fit(byHand);
        var (rawTest, targetTest) = raw.Get(SplitSet.Test);
        var byHandTest = byHand.Get(SplitSet.Test).Source;

        recorded.SourceTransform.Should().Be(ValueTransform.Log2PlusOne);
        recorded.Translate(rawTest).Values.ToArray().Should().Equal(manual.Translate(byHandTest).Values.ToArray());
        var metrics = recorded.Evaluate(rawTest, targetTest).Metrics;
        metrics.Should().BeEquivalentTo(manual.Evaluate(byHandTest, targetTest).Metrics);
        recorded.TestMetrics.Should().BeEquivalentTo(manual.TestMetrics);
        manual.Evaluate(rawTest, targetTest).Metrics.Mse.Should().BeGreaterThan(10 * metrics.Mse, "raw data through a model that does not know the transform is the issue's silent failure");

        var path = Dir.File("model.omitrans");
        recorded.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.SourceTransform.Should().Be(ValueTransform.Log2PlusOne);
        loaded.Translate(rawTest).Values.ToArray().Should().Equal(recorded.Translate(rawTest).Values.ToArray());
        loaded.DescribeAsJson().Should().Contain("\"sourceTransform\": \"log2p1\"").And.Contain("\"targetTransform\": \"none\"");
    }

    [Fact]
    public void With_a_target_transform_predictions_and_evaluation_are_in_the_transformed_units()
    {
        var (raw, byHand) = Data(rawTarget: true);
        using var recorded = Ridge(ValueTransform.Log2PlusOne, ValueTransform.Log2PlusOne).Fit(raw);
        using var manual = Ridge().Fit(byHand);
        var (rawTest, rawTargetTest) = raw.Get(SplitSet.Test);
        var (byHandTest, byHandTargetTest) = byHand.Get(SplitSet.Test);

        recorded.TargetTransform.Should().Be(ValueTransform.Log2PlusOne);
        recorded.Translate(rawTest).Values.ToArray().Should().Equal(manual.Translate(byHandTest).Values.ToArray(), "the predictions are log2(x + 1) values");
        recorded.Evaluate(rawTest, rawTargetTest).Metrics.Should().BeEquivalentTo(manual.Evaluate(byHandTest, byHandTargetTest).Metrics, "the actual values are transformed before comparing");
        recorded.TestMetrics.Should().BeEquivalentTo(manual.TestMetrics);
    }

    [Fact]
    public void A_translator_and_its_fallback_are_fitted_and_compared_on_transformed_data_and_the_kept_model_records_the_transform()
    {
        var (raw, byHand) = Data();
        Translator Build(ValueTransform transform) => new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [16] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
            .WithPreprocessing(new PreprocessingOptions { SourceTransform = transform })
            .WithTraining(o => o with { Epochs = 2, Seed = 4 })
            .Build();

        using var recorded = Build(ValueTransform.Log2PlusOne).Fit(raw);
        using var manual = Build(ValueTransform.None).Fit(byHand);

        recorded.SourceTransform.Should().Be(ValueTransform.Log2PlusOne);
        recorded.Selection!.NotComparedBecause.Should().BeNull();
        recorded.Selection.Should().BeEquivalentTo(manual.Selection);
        recorded.Translate(raw.Get(SplitSet.Test).Source).Values.ToArray().Should().Equal(manual.Translate(byHand.Get(SplitSet.Test).Source).Values.ToArray());
    }

    [Fact]
    public void A_fallback_with_transforms_of_its_own_is_not_compared()
    {
        var (raw, _) = Data();
        using var model = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [8] })
            .WithFallback(Ridge(ValueTransform.Log2PlusOne))
            .WithTraining(o => o with { Epochs = 1 })
            .Build()
            .Fit(raw);

        model.Selection!.FallbackKept.Should().BeFalse();
        model.Selection.NotComparedBecause.Should().Contain("value transforms of its own");
    }

    [Fact]
    public void Chunked_translation_applies_log2p1_and_refuses_counts_per_million()
    {
        var (raw, _) = Data();
        var rawTest = raw.Get(SplitSet.Test).Source;
        var input = Dir.File("cohort.tsv");
        OmicsFile.Write(rawTest, input);
        using var log = Ridge(ValueTransform.Log2PlusOne).Fit(raw);
        using var cpm = Ridge(ValueTransform.CountsPerMillionLog2).Fit(raw);

        log.TranslateFile(input, Dir.File("out.tsv"), new StreamingTranslateOptions { ChunkSamples = 3 });

        var written = OmicsFile.Read(Dir.File("out.tsv")).Values.ToArray();
        var direct = log.Translate(rawTest).Values.ToArray();
        written.Zip(direct).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= 1e-6 * Math.Max(1, Math.Abs(p.Second)));
        FluentActions.Invoking(() => cpm.TranslateFile(input, Dir.File("cpm.tsv"))).Should().Throw<InvalidOperationException>().WithMessage("*counts per million*Translate the cohort in memory*");
        cpm.Translate(rawTest).SampleCount.Should().Be(rawTest.SampleCount);
    }
}
