
namespace OmiTrans.Comparison.Tests;

public sealed class MethodListTests
{
    [Fact]
    public void The_default_list_leaves_out_what_cannot_run_and_what_repeats_omitrans()
    {
        var (source, target, sourceLocations, targetLocations) = Matrices.PlantedLocal(20, 6, 4, seed: 1);
        var plainData = TranslationData.Prepare(source, target, new DatasetAligner(), seed: 1);
        var locatedData = TranslationData.Prepare(source, target, new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = targetLocations }), seed: 1);
        var settings = TranslatorPresets.Default;

        // Without locations the default generator is FC: omitrans-fc would repeat it, omitrans-cis and
        // omitrans-chromosome cannot run (the default compare used to fail on omitrans-chromosome after fitting two methods).
        TranslationMethods.For(settings, plainData).Should().NotContain(["omitrans-fc", "omitrans-cis", "omitrans-chromosome"]).And.Contain(["omitrans", "ridge", "lasso", "tdimpute", "mean"]);
        var sourceOnlyData = TranslationData.Prepare(source, target, new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations }), seed: 1);
        TranslationMethods.For(settings, sourceOnlyData).Should().Contain("omitrans-chromosome").And.NotContain("omitrans-cis");

        // With both tables the default generator is cis: the FC generator is shown, the cis generator is omitrans itself.
        TranslationMethods.For(settings, locatedData).Should().Contain("omitrans-fc").And.NotContain("omitrans-cis");

        // An explicit FC generator with both tables: omitrans is FC, so the cis generator is shown beside it.
        TranslationMethods.For(settings with { Generator = new FullyConnectedGenerator() }, locatedData).Should().Contain("omitrans-cis").And.NotContain("omitrans-fc");
        TranslationMethods.For(settings with { Generator = new CisGenerator() }, locatedData).Should().Contain("omitrans-fc").And.NotContain("omitrans-cis");
        TranslationMethods.For(settings, locatedData).Should().BeSubsetOf(TranslationMethods.Names);
    }

    [Fact]
    public void The_automatic_choice_needs_both_location_tables_for_the_cis_generator()
    {
        var auto = new AutoGenerator();
        auto.Choose(sourceLocated: true, targetLocated: true).Should().BeOfType<CisGenerator>();
        auto.Choose(sourceLocated: true, targetLocated: false).Should().BeOfType<FullyConnectedGenerator>();
        auto.Choose(sourceLocated: false, targetLocated: false).Should().BeOfType<FullyConnectedGenerator>();
        (auto with { WithLocations = new AutoGenerator() }).Validate().Should().ContainSingle().Which.Should().Contain("concrete generator");
    }
}
