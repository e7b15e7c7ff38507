namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// One small synthetic cohort (60 samples, 200 CpGs, 50 genes) and one model trained on it by the tool (2 epochs,
/// width 16), shared by the tests of a class. Tests never write into its folder.
/// </summary>
public sealed class CohortFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public CohortFixture()
    {
        Data = _dir.File("data");
        Tool.Run("synth", "--samples", "60", "--source-features", "200", "--target-features", "50", "--seed", "3", "--out", Data).ShouldSucceed();
        Tool.Run("train", "--source", Source, "--target", Target, "--epochs", "2", "--widths", "16", "--checkpoint-every", "0", "--threads", "1", "--out", _dir.File("run")).ShouldSucceed();
        Model = Path.Combine(_dir.File("run"), "model.omitrans");
        Baseline = _dir.File("baseline.tsv");
        Tool.Run("translate", "--model", Model, "--source", Source, "--out", Baseline).ShouldSucceed();
        SourceText = File.ReadAllText(Source);
    }

    /// <summary>The folder of the synthetic data set.</summary>
    public string Data { get; }

    public string Source => Path.Combine(Data, "source.tsv");

    public string Target => Path.Combine(Data, "target.tsv");

    public string Labels => Path.Combine(Data, "labels.tsv");

    public string SourceLocations => Path.Combine(Data, "source_locations.tsv");

    public string TargetLocations => Path.Combine(Data, "target_locations.tsv");

    /// <summary>The model trained by the tool on the cohort.</summary>
    public string Model { get; }

    /// <summary>The tool's translation of the unchanged source.</summary>
    public string Baseline { get; }

    /// <summary>The source table's text (features as rows, tab-separated, LF line ends).</summary>
    public string SourceText { get; }

    /// <summary>The source's header line.</summary>
    public string Header => SourceText[..SourceText.IndexOf('\n', StringComparison.Ordinal)];

    /// <summary>The source's data lines.</summary>
    public string[] Rows => SourceText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

    public void Dispose() => _dir.Dispose();
}
