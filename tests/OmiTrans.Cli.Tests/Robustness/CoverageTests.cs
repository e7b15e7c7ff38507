namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Coverage counts observed values: a source whose values are missing is not "100 % present". Samples that observe
/// less than --min-coverage of the model's source features are refused by name, or with --keep-low-coverage
/// translated, named in a warning and flagged in --sample-coverage.
/// </summary>
public sealed class CoverageTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Fact]
    public void A_source_where_every_value_is_missing_is_refused_naming_its_samples()
    {
        var source = WithMissing("all-missing.tsv", (_, _) => true);

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"));

        var line = run.ShouldFail(2, source, "observe less than the required 80%", "(0%)");
        line.Should().MatchRegex(@"(\d+) of the \1 samples");
        run.Error.Should().Contain("0 observed in at least one sample", "the note counts observed features, not ids");
        File.Exists(Dir.File("out.tsv")).Should().BeFalse();
    }

    [Fact]
    public void One_empty_sample_is_refused_by_name()
    {
        var sample = cohort.Header.Split('\t')[7];
        var source = WithMissing("one-empty.tsv", (_, s) => s == 6);

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldFail(2, "1 of the", $"'{sample}' 0 (0%)", "--keep-low-coverage");
    }

    [Fact]
    public void Keep_low_coverage_translates_names_and_flags_the_sample()
    {
        var sample = cohort.Header.Split('\t')[7];
        var source = WithMissing("one-empty.tsv", (_, s) => s == 6);
        var coverage = Dir.File("coverage.tsv");

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"), "--keep-low-coverage", "--sample-coverage", coverage);

        run.ShouldSucceed();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("1 of").And.Contain($"{sample} (0%)");
        var rows = File.ReadAllLines(coverage);
        rows[0].Should().Be("sample\tobserved\tmodelFeatures\tfraction\tstatus");
        rows.Skip(1).Where(r => r.EndsWith("\tlow", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith(sample + "\t0\t");
        rows.Skip(1).Count(r => r.EndsWith("\tok", StringComparison.Ordinal)).Should().Be(rows.Length - 2);
        OmicsFile.Read(Dir.File("out.tsv")).SampleIds.Should().Contain(sample);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_sample_is_measured_against_the_minimum_by_its_observed_model_features(bool accepted)
    {
        using var model = TranslationModel.Load(cohort.Model);
        var features = model.SourceFeatureIds;
        int half = (features.Count + 1) / 2;
        int observed = accepted ? half : half - 1; // just at or above 50 %, or just below
        var missing = features.Skip(observed).ToHashSet(StringComparer.Ordinal);
        var source = Rewrite("partial.tsv", (feature, s, value) => s != 0 ? value : missing.Contains(feature) ? "NA" : value == "NA" ? "0.5" : value);

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"), "--min-coverage", "0.5");

        if (accepted)
        {
            run.ShouldSucceed();
        }
        else
        {
            string percent = (100.0 * observed / features.Count).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            run.ShouldFail(2, "1 of the", $"' {observed} ({percent}%)");
        }
    }

    [Fact]
    public void Min_coverage_zero_translates_even_an_empty_source_as_asked()
    {
        var source = WithMissing("all-missing.tsv", (_, _) => true);

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"), "--min-coverage", "0").ShouldSucceed();

        var translated = OmicsFile.Read(Dir.File("out.tsv"));
        translated.GetSampleValues(0).ToArray().Should().Equal(translated.GetSampleValues(1).ToArray(), "with nothing observed every sample is the training mean's translation");
    }

    [Fact]
    public void Chunked_translation_refuses_an_empty_sample_and_leaves_nothing()
    {
        var source = WithMissing("one-empty.tsv", (_, s) => s == 20);

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"), "--chunk-samples", "8").ShouldFail(2, "samples 17-24", "observe less than the required 80%");

        File.Exists(Dir.File("out.tsv")).Should().BeFalse();
        Tool.Temporaries(Dir.Path).Should().BeEmpty();
    }

    /// <summary>The fixture's source with the cells (feature id, sample index) chosen set to NA.</summary>
    private string WithMissing(string name, Func<string, int, bool> missing) => Rewrite(name, (feature, s, value) => missing(feature, s) ? "NA" : value);

    /// <summary>The fixture's source with each cell (feature id, sample index, text) rewritten.</summary>
    private string Rewrite(string name, Func<string, int, string, string> cell)
    {
        var lines = cohort.Rows.Select(row =>
        {
            var fields = row.Split('\t');
            for (int s = 0; s + 1 < fields.Length; s++)
            {
                fields[s + 1] = cell(fields[0], s, fields[s + 1]);
            }

            return string.Join('\t', fields);
        });
        return Dir.Write(name, cohort.Header + "\n" + string.Join('\n', lines) + "\n");
    }
}
