
namespace OmiTrans.Core.Tests.Models;

/// <summary>Coverage counts observed values per feature and per sample, and Translate refuses samples that observe too little.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ObservedCoverageTests : IClassFixture<ObservedCoverageTests.Fitted>
{
    private readonly Fitted _fitted;

    public ObservedCoverageTests(Fitted fitted) => _fitted = fitted;

    /// <summary>One small model for the class.</summary>
    public sealed class Fitted : IDisposable
    {
        public Fitted()
        {
            (Source, var target) = Matrices.Planted(samples: 80, sourceFeatures: 10, targetFeatures: 4, seed: 12);
            Model = new TranslatorBuilder()
                .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [8] })
                .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
                .WithTraining(o => o with { Epochs = 1, Seed = 12 })
                .Build()
                .Fit(Source, target);
        }

        public TranslationModel Model { get; }

        public OmicsMatrix Source { get; }

        public void Dispose() => Model.Dispose();
    }

    private OmicsMatrix WithMissing(Func<int, int, bool> missing)
    {
        var source = _fitted.Source;
        var values = source.Values.ToArray();
        for (int f = 0; f < source.FeatureCount; f++)
        {
            for (int s = 0; s < source.SampleCount; s++)
            {
                if (missing(f, s))
                {
                    values[(f * source.SampleCount) + s] = float.NaN;
                }
            }
        }

        return OmicsMatrix.FromFeatureRows(source.FeatureIds, source.SampleIds, values);
    }

    [Fact]
    public void An_all_missing_source_with_the_models_exact_features_is_refused_naming_samples()
    {
        var empty = WithMissing((_, _) => true);

        var coverage = _fitted.Model.GetCoverage(empty);
        coverage.PresentFeatureCount.Should().Be(10);
        coverage.ObservedFeatureCount.Should().Be(0);
        coverage.EmptyFeatures.Should().HaveCount(10);
        coverage.ObservedValueCount.Should().Be(0);
        coverage.SamplesBelow(0.8).Should().HaveCount(80);

        var act = () => _fitted.Model.Translate(empty);

        act.Should().Throw<OmicsSchemaException>().WithMessage($"80 of the 80 samples of * observe less than the required 80%*'{empty.SampleIds[0]}' 0 (0%)*");
    }

    [Fact]
    public void Each_sample_is_measured_by_its_own_observed_features()
    {
        var source = WithMissing((f, s) => (s == 3 && f < 3) || (s == 5 && f < 2));

        var coverage = _fitted.Model.GetCoverage(source);

        coverage.Samples[3].ObservedFeatures.Should().Be(7);
        coverage.Samples[3].Fraction.Should().BeApproximately(0.7, 1e-12);
        coverage.Samples[5].Fraction.Should().BeApproximately(0.8, 1e-12);
        coverage.SamplesBelow(0.8).Select(s => s.SampleId).Should().Equal(source.SampleIds[3]);
        var act = () => _fitted.Model.Translate(source);
        act.Should().Throw<OmicsSchemaException>().WithMessage($"1 of the 80 samples*'{source.SampleIds[3]}' 7 (70%)*");
    }

    [Fact]
    public void Keep_translates_low_coverage_samples_from_the_training_mean_of_what_is_missing()
    {
        var source = WithMissing((f, s) => s == 3 && f < 3);

        var kept = _fitted.Model.Translate(source, new TranslateOptions { LowCoverageSamples = LowCoverageSamples.Keep });

        kept.SampleCount.Should().Be(80);
        var absent = _fitted.Model.Translate(source, new TranslateOptions { MinimumCoverage = 0.5 });
        kept.Values.ToArray().Should().Equal(absent.Values.ToArray(), "keeping does not change what a sample is translated to");
    }

    [Fact]
    public void A_translation_of_the_fitted_data_needs_no_coverage()
    {
        var source = WithMissing((_, s) => s == 0);

        _fitted.Model.Translate(source, TranslateOptions.OfFittedData).SampleCount.Should().Be(80);
    }
}
