using System.Text.Json;

namespace OmiTrans.Cli.Tests.Workflow;

/// <summary>
/// samples/SnakemakeWorkflow end to end with Snakemake (installed by .ci/run from Debian): train once, shard the cohort,
/// translate the shards in parallel, merge, evaluate — and the merged translation equals one whole-cohort translation.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class SnakemakeWorkflowTests : TempDirectoryTest
{
    [ProgramFact("snakemake")]
    public void The_workflow_trains_shards_translates_merges_and_evaluates()
    {
        var work = Dir.Path;
        CliProcess.Run("synth", "--samples", "60", "--source-features", "200", "--target-features", "50", "--seed", "3", "--out", Path.Combine(work, "data")).ExitCode.Should().Be(0);
        var workflow = Path.Combine(RepositoryPaths.Root, "samples", "SnakemakeWorkflow");
        string tool = $"dotnet {CliProcess.ToolPath}";

        var (exit, output, error) = CliProcess.RunProcess(
            ProgramFactAttribute.Find("snakemake")!,
            [
                "--snakefile", Path.Combine(workflow, "Snakefile"), "--configfile", Path.Combine(workflow, "config.yaml"),
                "--directory", work, "--cores", "2", "--quiet",
                "--config", $"omitrans={tool}", "train_options=--epochs 3 --widths 16 --seed 1", "shards=3",
            ],
            TimeSpan.FromMinutes(5));

        exit.Should().Be(0, $"snakemake succeeds:\n{output}\n{error}");
        var outDir = Path.Combine(work, "omitrans-out");
        Directory.GetFiles(Path.Combine(outDir, "shards")).Should().HaveCount(3);
        var whole = Path.Combine(work, "whole.tsv");
        CliProcess.Run("translate", "--model", Path.Combine(outDir, "model", "model.omitrans"), "--source", Path.Combine(work, "data", "source.tsv"), "--out", whole).ExitCode.Should().Be(0);
        // Sharding changes only where the work runs: the same ids in the same order, the same values up to the
        // summation order of a smaller batch (docs/new-cohorts.md).
        MatrixAssertions.ShouldMatch(OmicsFile.Read(Path.Combine(outDir, "translated.tsv")), OmicsFile.Read(whole));

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "evaluation", "metrics.json")));
        double.IsFinite(metrics.RootElement.GetProperty("mse").GetDouble()).Should().BeTrue();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "model", "train.json")));
        summary.RootElement.GetProperty("command").GetString().Should().Be("train");
    }
}
