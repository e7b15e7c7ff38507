
namespace OmiTrans.Comparison.Tests;

public sealed class MethodListTests
{
    private static readonly LocationTable Locations = LocationTable.Create([("f1", "1", 10L)]);

    [Fact]
    public void The_default_list_leaves_out_what_cannot_run_and_what_repeats_omitrans()
    {
        var plain = TranslatorPresets.Default;
        var located = plain with { Aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = Locations, TargetLocations = Locations }) };

        // Without locations the default generator is FC: omitrans-fc would repeat it, omitrans-cis and
        // omitrans-chromosome cannot run (the default compare used to fail on omitrans-chromosome after fitting two methods).
        TranslationMethods.For(plain).Should().NotContain(["omitrans-fc", "omitrans-cis", "omitrans-chromosome"]).And.Contain(["omitrans", "ridge", "lasso", "tdimpute", "mean"]);
        var sourceOnly = plain with { Aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = Locations }) };
        TranslationMethods.For(sourceOnly).Should().Contain("omitrans-chromosome").And.NotContain("omitrans-cis");

        // With both tables the default generator is cis: the FC generator is shown, the cis generator is omitrans itself.
        TranslationMethods.For(located).Should().Contain("omitrans-fc").And.NotContain("omitrans-cis");

        // An explicit FC generator with both tables: omitrans is FC, so the cis generator is shown beside it.
        TranslationMethods.For(located with { Generator = new FullyConnectedGenerator() }).Should().Contain("omitrans-cis").And.NotContain("omitrans-fc");
        TranslationMethods.For(located with { Generator = new CisGenerator() }).Should().Contain("omitrans-fc").And.NotContain("omitrans-cis");
        TranslationMethods.For(located).Should().BeSubsetOf(TranslationMethods.Names);
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
