namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Options at and beyond their edges, and combinations that cannot work: each is refused before anything is read or
/// trained, with exit code 2 and one line saying what is wrong.
/// </summary>
public sealed class OptionEdgeTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    private const string Train = "train --source {source} --target {target} --out {out}";
    private const string Translate = "translate --model {model} --source {source} --out {out}.tsv";

    [Theory]
    [InlineData(Train + " --epochs 0", "--epochs must be a whole number of at least 1, but was 0")]
    [InlineData(Train + " --epochs -1", "--epochs must be a whole number of at least 1, but was -1")]
    [InlineData(Train + " --epochs 99999999999", "'99999999999' for option '--epochs' as a whole number")]
    [InlineData(Train + " --epochs many", "'many' for option '--epochs' as a whole number")]
    [InlineData(Train + " --widths 0", "--widths: every width must be at least 1, but the first is 0")]
    [InlineData(Train + " --widths 16,-4", "--widths: every width must be at least 1, but the second is -4")]
    [InlineData(Train + " --widths abc", "--widths: 'abc' is not a whole number")]
    [InlineData(Train + " --widths 1e3", "--widths: '1e3' is not a whole number")]
    [InlineData(Train + " --widths 16,,16", "--widths: the second width is empty")]
    [InlineData(Train + " --widths ,", "--widths: no width given")]
    [InlineData(Train + " --lr 0", "--lr must be a finite number greater than 0, but was 0")]
    [InlineData(Train + " --lr inf", "'inf' for option '--lr' as a number")]
    [InlineData(Train + " --lr NaN", "--lr must be a finite number greater than 0, but was NaN")]
    [InlineData(Train + " --dropout 1", "--dropout must be a finite number from 0 to 1 (excluded), but was 1")]
    [InlineData(Train + " --batch-size 0", "--batch-size must be a whole number of at least 1, but was 0")]
    [InlineData(Train + " --threads 9999", "--threads must be between 0")]
    [InlineData(Train + " --max-missing 1.5", "--max-missing must be a finite number from 0 to 1, but was 1.5")]
    [InlineData(Train + " --top-variance 0", "--top-variance must be a whole number of at least 1, but was 0")]
    [InlineData(Train + " --decay-epochs 5 --epochs 2", "DecayEpochs must be between 0 and Epochs (2), got 5")]
    [InlineData(Train + " --generator cis", "--generator cis needs both --source-locations and --target-locations")]
    [InlineData(Train + " --generator cis --source-locations {sourceLocations}", "--generator cis needs both --source-locations and --target-locations")]
    [InlineData(Train + " --generator fc-chromosome", "--generator fc-chromosome needs --source-locations")]
    [InlineData(Train + " --discriminator fc-chromosome", "--discriminator fc-chromosome needs --source-locations")]
    [InlineData(Train + " --frobnicate", "Unrecognized command or argument '--frobnicate'")]
    [InlineData("train --target {target} --out {out}", "--source is required")]
    [InlineData("train --resume {out} --epochs 5", "--resume continues a run with the options it was started with", "--epochs")]
    [InlineData("train --resume {cohort}", "run.json does not exist: --resume needs the output folder of an earlier omitrans train run")]
    [InlineData(Translate + " --min-coverage 1.5", "--min-coverage must be a finite number from 0 to 1, but was 1.5")]
    [InlineData(Translate + " --min-coverage NaN", "--min-coverage must be a finite number from 0 to 1, but was NaN")]
    [InlineData(Translate + " --chunk-samples 0", "--chunk-samples must be a whole number of at least 1, but was 0")]
    [InlineData(Translate + " --chunk-samples 8 --source-transform log2p1", "--source-transform log2p1 contradicts the model")]
    [InlineData(Translate + " --chunk-samples 8 --sample-coverage {out}.coverage.tsv", "--sample-coverage cannot be combined with --chunk-samples")]
    [InlineData(Translate + " --sample-coverage {out}.tsv", "--sample-coverage and --out name the same file")]
    [InlineData(Translate + " --device gpu", "Unknown device 'gpu'")]
    [InlineData("translate --model {model} --source {source}", "Option '--out' is required")]
    [InlineData("compare --source {source} --target {target} --methods , --out {out}", "--methods: no method given")]
    [InlineData("compare --source {source} --target {target} --methods ridge,ridge --out {out}", "--methods: ridge listed more than once")]
    [InlineData("compare --source {source} --target {target} --methods ridge,forest --out {out}", "--methods: unknown method(s) forest")]
    [InlineData("compare --source {source} --target {target} --methods ridge,omitrans-cis --out {out}", "--methods omitrans-cis needs both --source-locations and --target-locations")]
    [InlineData("compare --source {source} --target {target} --methods omitrans-chromosome --out {out}", "--methods omitrans-chromosome needs --source-locations")]
    [InlineData("synth --samples 0 --out {out}", "--samples must be a whole number of at least 1, but was 0")]
    [InlineData("evaluate --predicted {source} --actual {target}", "Option '--out' is required")]
    public void An_impossible_option_is_refused_before_any_work(string command, params string[] fragments)
    {
        var arguments = command.Split(' ').Select(Fill).ToArray();

        Tool.Run(arguments).ShouldFail(2, fragments);
        Directory.EnumerateFileSystemEntries(Dir.Path).Should().BeEmpty("nothing is written");
    }

    [Fact]
    public void A_run_record_that_is_not_json_is_named()
    {
        var run = Dir.File("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "run.json"), "{ this is not json");

        Tool.Run("train", "--resume", run).ShouldFail(2, Path.Combine(run, "run.json"), "is not the run record of omitrans train");
    }

    private string Fill(string token) => token
        .Replace("{source}", cohort.Source, StringComparison.Ordinal)
        .Replace("{target}", cohort.Target, StringComparison.Ordinal)
        .Replace("{model}", cohort.Model, StringComparison.Ordinal)
        .Replace("{sourceLocations}", cohort.SourceLocations, StringComparison.Ordinal)
        .Replace("{cohort}", cohort.Data, StringComparison.Ordinal)
        .Replace("{out}", Dir.File("out"), StringComparison.Ordinal);
}
