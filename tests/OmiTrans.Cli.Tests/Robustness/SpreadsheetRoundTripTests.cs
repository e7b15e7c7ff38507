namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Source tables that differ from the original only in form (line ends, byte order mark, quoting, compression, order,
/// missing-value tokens, extra rows): translate gives exactly the translation of the same data, never a shifted or
/// partial one.
/// </summary>
public sealed class SpreadsheetRoundTripTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Theory]
    [InlineData("crlf")]
    [InlineData("old-mac-line-ends")]
    [InlineData("bom")]
    [InlineData("quoted-ids")]
    [InlineData("blank-lines")]
    [InlineData("no-final-newline")]
    [InlineData("spaces-around-values")]
    [InlineData("gzip")]
    [InlineData("rows-shuffled")]
    [InlineData("r-header-without-corner")]
    [InlineData("extra-features")]
    [InlineData("huge-extra-id")]
    public void A_harmless_variation_translates_exactly_as_the_original(string variant)
    {
        var source = Dir.File(variant + (variant == "gzip" ? ".tsv.gz" : ".tsv"));
        File.WriteAllBytes(source, SourceVariants.Make(cohort, variant));
        var output = Dir.File("out.tsv");

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", output).ShouldSucceed();

        MatrixAssertions.ShouldMatch(OmicsFile.Read(output), OmicsFile.Read(cohort.Baseline));
    }

    [Fact]
    public void Gzip_content_under_a_plain_name_is_recognised_by_its_bytes()
    {
        var source = Dir.File("actually-gzip.tsv");
        File.WriteAllBytes(source, SourceVariants.Make(cohort, "gzip"));

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldSucceed();

        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("out.tsv")), OmicsFile.Read(cohort.Baseline));
    }

    [Fact]
    public void Shuffled_sample_columns_give_each_sample_its_own_translation()
    {
        var original = OmicsFile.Read(cohort.Source);
        var shuffled = original.SelectSamples(original.SampleIds.Reverse().ToArray());
        var source = Dir.File("shuffled.tsv");
        OmicsFile.Write(shuffled, source);

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldSucceed();

        var translated = OmicsFile.Read(Dir.File("out.tsv"));
        translated.SampleIds.Should().Equal(shuffled.SampleIds);
        var baseline = OmicsFile.Read(cohort.Baseline);
        MatrixAssertions.ShouldMatch(translated.SelectSamples(baseline.SampleIds), baseline);
    }

    [Fact]
    public void A_one_sample_file_translates_that_sample_as_in_the_whole_cohort()
    {
        var original = OmicsFile.Read(cohort.Source);
        var one = original.SelectSamples([original.SampleIds[5]]);
        var source = Dir.File("one.tsv");
        OmicsFile.Write(one, source);

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldSucceed();

        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("out.tsv")), OmicsFile.Read(cohort.Baseline).SelectSamples([original.SampleIds[5]]));
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("N/A")]
    [InlineData("NULL")]
    [InlineData("null")]
    [InlineData("")]
    public void Every_missing_value_token_is_a_missing_value_filled_as_the_library_fills_it(string token)
    {
        var rows = cohort.Rows;
        var fields = rows[0].Split('\t');
        fields[2] = token;
        rows[0] = string.Join('\t', fields);
        var source = Dir.File("missing.tsv");
        File.WriteAllText(source, cohort.Header + "\n" + string.Join('\n', rows) + "\n");

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldSucceed();

        using var model = TranslationModel.Load(cohort.Model);
        var original = OmicsFile.Read(cohort.Source);
        var values = original.Values.ToArray();
        values[1] = float.NaN; // first feature, second sample
        var expected = model.Translate(OmicsMatrix.FromFeatureRows(original.FeatureIds, original.SampleIds, values));
        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("out.tsv")), expected);
    }

    [Fact]
    public void A_feature_missing_in_every_sample_is_filled_like_an_absent_one_and_reported()
    {
        using var model = TranslationModel.Load(cohort.Model);
        var feature = model.SourceFeatureIds[0];
        var rows = cohort.Rows.Select(r => r.StartsWith(feature + "\t", StringComparison.Ordinal) ? feature + string.Concat(Enumerable.Repeat("\tNA", r.Split('\t').Length - 1)) : r);
        var source = Dir.File("empty-row.tsv");
        File.WriteAllText(source, cohort.Header + "\n" + string.Join('\n', rows) + "\n");

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"));

        run.ShouldSucceed();
        run.Error.Should().Contain("1 filled with the training mean (0 absent, 1 missing in every sample)");
        var original = OmicsFile.Read(cohort.Source);
        var absent = original.SelectFeatures(original.FeatureIds.Where(id => id != feature).ToArray());
        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("out.tsv")), model.Translate(absent));
    }

    [Fact]
    public void Tiny_and_explicitly_signed_numbers_are_read_as_numbers()
    {
        var rows = cohort.Rows;
        var fields = rows[0].Split('\t');
        fields[2] = "1e-50";
        fields[3] = "+0.5";
        rows[0] = string.Join('\t', fields);
        var source = Dir.File("numbers.tsv");
        File.WriteAllText(source, cohort.Header + "\n" + string.Join('\n', rows) + "\n");

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldSucceed();

        using var model = TranslationModel.Load(cohort.Model);
        var original = OmicsFile.Read(cohort.Source);
        var values = original.Values.ToArray();
        values[1] = 0;
        values[2] = 0.5f;
        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("out.tsv")), model.Translate(OmicsMatrix.FromFeatureRows(original.FeatureIds, original.SampleIds, values)));
    }

}
