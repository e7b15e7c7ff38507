
namespace OmiTrans.Core.Tests.Alignment;

public sealed class DatasetAlignerTests : TempDirectoryTest
{
    [Fact]
    public void Pairs_by_sample_id_in_source_order_and_reports_what_was_dropped()
    {
        var source = Matrices.FromRows(["cg1"], ["A", "B", "C", "D"], [1, 2, 3, 4]);
        var target = Matrices.FromRows(["g1", "g2"], ["D", "X", "B", "A"], [40, 0, 20, 10], [41, 0, 21, 11]);

        var pair = new DatasetAligner().Align(source, target);

        pair.Source.SampleIds.Should().Equal("A", "B", "D");
        pair.Target.SampleIds.Should().Equal("A", "B", "D");
        pair.Source.GetFeatureValues(0).ToArray().Should().Equal(1, 2, 4);
        pair.Target.GetFeatureValues(0).ToArray().Should().Equal(10, 20, 40);
        pair.Target.GetFeatureValues(1).ToArray().Should().Equal(11, 21, 41);
        var report = pair.Report;
        report.SharedSampleCount.Should().Be(3);
        report.SourceSampleCount.Should().Be(4);
        report.TargetSampleCount.Should().Be(4);
        report.SamplesOnlyInSource.Should().Equal("C");
        report.SamplesOnlyInTarget.Should().Equal("X");
        report.AmbiguousSamples.Should().BeEmpty();
    }

    [Fact]
    public void No_shared_samples_is_an_error_that_shows_examples_and_case_hints()
    {
        var source = Matrices.FromRows(["cg1"], ["tcga-01", "tcga-02"], [1, 2]);
        var target = Matrices.FromRows(["g1"], ["TCGA-01", "TCGA-02"], [1, 2]);

        var act = () => new DatasetAligner().Align(source, target);

        act.Should().Throw<OmicsSchemaException>()
            .WithMessage("Source (in-memory matrix) and target (in-memory matrix) share 0 sample ids under Exact matching (source e.g. tcga-01, tcga-02; target e.g. TCGA-01, TCGA-02). 2 would match if case and surrounding spaces were ignored; ids are compared exactly.");
    }

    [Fact]
    public void Tcga_barcodes_are_truncated_and_ambiguous_keys_are_reported_not_merged()
    {
        var source = Matrices.FromRows(["cg1"], ["TCGA-AA-0001-01A-11D", "TCGA-AA-0002-01A-11D", "TCGA-AA-0002-11A-11D", "TCGA-AA-0003-01A"], [1, 2, 3, 4]);
        var target = Matrices.FromRows(["g1"], ["TCGA-AA-0001-01B-12R", "TCGA-AA-0002-01A-12R", "TCGA-AA-0003-01A-12R"], [10, 20, 30]);

        var pair = new DatasetAligner(new DatasetAlignerOptions { SampleMatching = SampleMatching.TcgaPatient }).Align(source, target);

        pair.Source.SampleIds.Should().Equal("TCGA-AA-0001", "TCGA-AA-0003");
        pair.Target.GetFeatureValues(0).ToArray().Should().Equal(10, 30);
        pair.Report.AmbiguousSamples.Should().BeEquivalentTo("TCGA-AA-0002-01A-11D", "TCGA-AA-0002-11A-11D", "TCGA-AA-0002-01A-12R");
        pair.Report.SamplesOnlyInSource.Should().BeEmpty();
        pair.Report.SamplesOnlyInTarget.Should().BeEmpty();

        var bySample = new DatasetAligner(new DatasetAlignerOptions { SampleMatching = SampleMatching.TcgaSample }).Align(source, target);
        bySample.Source.SampleIds.Should().Equal("TCGA-AA-0001-01", "TCGA-AA-0002-01", "TCGA-AA-0003-01");
        bySample.Report.SamplesOnlyInSource.Should().Equal("TCGA-AA-0002-11A-11D");
    }

    [Fact]
    public void Orders_features_by_chromosome_then_position_keeping_unannotated_at_the_end()
    {
        var locations = Dir.Write("loc.tsv", "feature\tchrom\tstart\ncgX\tchrX\t5\ncg2b\tchr2\t900\ncg2a\t2\t100\ncg10\tchr10\t1\ncgY\tchrY\t1\ncgMT\tchrM\t7\ncgNA\tNA\tNA\ncg1\tchr1\t1000000\n");
        var source = Matrices.FromRows(["cgNone", "cgX", "cg2b", "cgMT", "cg2a", "cg10", "cgY", "cgNA", "cg1"], ["A"], [0], [1], [2], [3], [4], [5], [6], [7], [8]);
        var target = Matrices.FromRows(["g"], ["A"], [0]);

        var pair = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = LocationTable.Read(locations) }).Align(source, target);

        pair.Source.FeatureIds.Should().Equal("cg1", "cg2a", "cg2b", "cg10", "cgX", "cgY", "cgMT", "cgNone", "cgNA");
        pair.Source.GetFeatureValues(1).ToArray().Should().Equal(4);
        var ordering = pair.Report.SourceOrdering!;
        ordering.OrderedFeatureCount.Should().Be(6);
        ordering.OtherContigFeatures.Should().Equal("cgMT");
        ordering.UnannotatedFeatures.Should().Equal("cgNone", "cgNA");
        ordering.Groups.Select(g => (g.Name, g.Start, g.Count)).Should().Equal(
            ("1", 0, 1), ("2", 1, 2), ("10", 3, 1), ("X", 4, 1), ("Y", 5, 1), (FeatureGroup.Unplaced, 6, 3));
        pair.Report.TargetOrdering.Should().BeNull();
        pair.SourceGroups.Should().HaveCount(6);
    }

    [Fact]
    public void Location_table_errors_name_line_and_column()
    {
        var bad = Dir.Write("bad.tsv", "feature\tchrom\tstart\ncg1\tchr1\t12\ncg2\tchr1\ttwelve\n");
        var act = () => LocationTable.Read(bad);
        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{bad}:3:3: the position 'twelve' of feature 'cg2' is not a whole number.");

        var duplicate = Dir.Write("dup.tsv", "feature\tchrom\tstart\ncg1\tchr1\t12\ncg1\tchr2\t5\n");
        var actDuplicate = () => LocationTable.Read(duplicate);
        actDuplicate.Should().Throw<OmicsFormatException>().WithMessage("*:3:1: feature 'cg1' is listed twice (also on line 2).");
    }

    [Fact]
    public void Location_columns_are_found_by_name()
    {
        var probeMap = Dir.Write("probemap.tsv", "#id\tgene\tchrom\tchromStart\tchromEnd\tstrand\ncg1\tTP53\tchr17\t7687490\t7687491\t-\n");
        var manifest = Dir.Write("manifest.csv", "IlmnID,Name,CHR,MAPINFO\ncg2,cg2,X,123\n");

        LocationTable.Read(probeMap).TryGetLocation("cg1", out var l1).Should().BeTrue();
        l1.Should().Be(new GenomicLocation("17", 7687490));
        LocationTable.Read(manifest).TryGetLocation("cg2", out var l2).Should().BeTrue();
        l2.Should().Be(new GenomicLocation("X", 123));
        l2.ChromosomeRank.Should().Be(23);
    }

    [Fact]
    public void Location_ids_that_match_no_feature_are_counted()
    {
        var locations = Dir.Write("loc.tsv", "feature\tchrom\tstart\ncg1\tchr1\t5\ncg2\tchr1\t3\ncgOther\tchr2\t1\ncgNA\tNA\tNA\n");
        var source = Matrices.FromRows(["cg1", "cg2", "cg3"], ["A"], [1], [2], [3]);
        var target = Matrices.FromRows(["g"], ["A"], [0]);

        var pair = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = LocationTable.Read(locations) }).Align(source, target);

        pair.Source.FeatureIds.Should().Equal("cg2", "cg1", "cg3");
        pair.Report.SourceOrdering!.UnmatchedLocationCount.Should().Be(2, "cgOther and cgNA are no features of the source");
        pair.Report.SourceOrdering.UnannotatedFeatures.Should().Equal("cg3");
    }

    [Fact]
    public void A_location_table_that_matches_no_feature_is_refused()
    {
        var locations = Dir.Write("genes.tsv", "gene\tchrom\tstart\nTP53\tchr17\t7687490\nBRCA1\tchr17\t43044295\n");
        var source = Matrices.FromRows(["cg1", "cg2"], ["A"], [1], [2]);
        var target = Matrices.FromRows(["g"], ["A"], [0]);

        var act = () => new DatasetAligner(new DatasetAlignerOptions { SourceLocations = LocationTable.Read(locations) }).Align(source, target);

        act.Should().Throw<OmicsSchemaException>().Which.Message.Should().Be(
            $"{locations}: none of the 2 location ids match a feature of the table in-memory matrix (location ids e.g. TP53, BRCA1; features e.g. cg1, cg2). Is it the location table of the other omics, or are the ids written differently?");
    }
}
