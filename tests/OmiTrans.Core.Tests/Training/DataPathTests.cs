namespace OmiTrans.Core.Tests.Training;

/// <summary>
/// One data path: a translator's aligner and split apply when it aligns and splits two omics itself; prepared data
/// carries its own, so fitting prepared data with a translator that has them is refused rather than silently ignoring them.
/// </summary>
public sealed class DataPathTests
{
    private static (OmicsMatrix Source, OmicsMatrix Target) Tables() => Matrices.Planted(samples: 40, sourceFeatures: 6, targetFeatures: 3, seed: 2);

    [Fact]
    public void Prepared_data_with_a_translator_that_has_an_aligner_or_a_split_is_refused()
    {
        var (source, target) = Tables();
        var prepared = TranslationData.Prepare(source, target, seed: 2);
        var withAligner = new TranslatorBuilder().WithAligner(new DatasetAligner(new DatasetAlignerOptions { SampleMatching = SampleMatching.TcgaPatient })).Build();
        var withSplit = new TranslatorBuilder().WithSplit(new SplitOptions { TrainFraction = 0.5, ValidationFraction = 0.25 }).Build();

        withAligner.Invoking(t => t.Fit(prepared)).Should().Throw<InvalidOperationException>().WithMessage("*built with an aligner*did not prepare this data*");
        withSplit.Invoking(t => t.Fit(prepared)).Should().Throw<InvalidOperationException>().WithMessage("*built with a split*");

        // Data the translator prepared itself carries its aligner and split: accepted (the checks run before any training).
        withAligner.PrepareData(source, target).Pair.Source.SampleCount.Should().Be(40);
    }

    [Fact]
    public void The_translator_s_own_split_is_used_when_it_prepares_the_data()
    {
        var (source, target) = Tables();
        var translator = new TranslatorBuilder().WithSplit(new SplitOptions { TrainFraction = 0.5, ValidationFraction = 0.25 }).Build();

        var prepared = translator.PrepareData(source, target);

        prepared.Count(SplitSet.Train).Should().Be(20);
        prepared.Count(SplitSet.Validation).Should().Be(10);
    }
}
