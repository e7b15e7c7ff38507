
namespace OmiTrans.Comparison.Tests;

[Collection(TrainingCollection.Name)]
public sealed class ComparisonTests : TempDirectoryTest
{
    [Fact]
    public void A_comparison_writes_both_tables_every_figure_and_the_report()
    {
        var synthetic = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 160, SourceFeatures = 120, TargetFeatures = 40, Seed = 2 });
        var settings = TranslatorPresets.Default with
        {
            Generator = new FullyConnectedGenerator { HiddenWidths = [64, 32, 64] },
            Training = TranslatorPresets.Default.Training with { Epochs = 5 },
            CrossValidation = null, // a trained network, so that its training curves are drawn
        };
        var data = new TranslatorBuilder().WithSettings(settings).Build().PrepareData(synthetic.Source, synthetic.Target);
        var methods = new[] { "omitrans", "tdimpute", "ridge", "mean" }
            .Select(name => TranslationMethods.Create(name, settings, new TDimputeOptions { HiddenWidth = 32, Epochs = 3 }))
            .ToList();
        var progress = new List<ComparisonProgress>();

        var result = MethodComparison.Run(data, methods, new ComparisonOptions { Labels = synthetic.Labels, Classifier = new LabelClassifierOptions { Epochs = 20 } }, new Collect(progress));
        var figures = Reports.WriteComparison(result, Dir.Path, synthetic.Labels);

        File.ReadLines(Dir.File("table1.tsv")).First().Should().Be("method\tmse\trmse\tmae\tmedianAe\tmeanSamplewiseR2\tmeanFeaturewiseR2\tmedianFeaturewiseR2\tfeaturesR2Above03\tpercentFeaturesR2Above03");
        File.ReadLines(Dir.File("table1.tsv")).Skip(1).Select(l => l.Split('\t')[0]).Should().Equal("omitrans", "tdimpute", "ridge", "mean");
        File.ReadLines(Dir.File("table3.tsv")).Select(l => l.Split('\t')[0]).Should().Equal("dataset", "real", "omitrans", "tdimpute", "ridge", "mean");
        File.ReadAllText(Dir.File("table1.md")).Should().Contain("| ridge |");
        result.Classification![0].Accuracy.Should().BeGreaterThan(0.5, "the real expression carries the tumour type");
        foreach (var method in new[] { "omitrans", "tdimpute", "ridge", "mean" })
        {
            File.Exists(Path.Combine(Dir.Path, method, "metrics.json")).Should().BeTrue();
            OmicsFile.Read(Path.Combine(Dir.Path, method, "test_predictions.tsv")).SampleCount.Should().Be(data.Split.Test.Count);
        }

        figures.Should().Contain(f => f.EndsWith(Path.Combine("omitrans", "training_curves.png"), StringComparison.Ordinal));
        figures.Should().Contain(f => f.EndsWith(Path.Combine("omitrans", "embedding_tsne.png"), StringComparison.Ordinal));
        foreach (var figure in figures)
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(figure);
            bitmap.Should().NotBeNull(figure);
            bitmap.Width.Should().BeOneOf(800, 900);
            bitmap.Height.Should().BeOneOf(600, 700);
        }

        var report = File.ReadAllText(Dir.File("report.md"));
        report.Should().Contain("Table 1").And.Contain("Table 3").And.Contain("omitrans/samplewise_r2.png");
        progress.Where(p => p.FitSeconds is not null).Select(p => p.Method).Should().Equal("omitrans", "tdimpute", "ridge", "mean");
    }

    [Fact]
    public void Auc_counts_ties_as_one_half_and_the_scores_match_hand_computed_values()
    {
        ClassificationScores.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]).Should().Be(0.75);
        ClassificationScores.Auc([0.5, 0.5], [false, true]).Should().Be(0.5);

        // Two classes; sample 3 is misclassified.
        var scores = ClassificationScores.Compute("x", [0, 0, 1, 1], [0.9f, 0.1f, 0.8f, 0.2f, 0.6f, 0.4f, 0.3f, 0.7f], 2);

        scores.Accuracy.Should().Be(0.75);
        scores.MacroPrecision.Should().BeApproximately(((2.0 / 3) + 1) / 2, 1e-12);
        scores.MacroRecall.Should().BeApproximately((1 + 0.5) / 2, 1e-12);
        scores.MacroF1.Should().BeApproximately(((2 * (2.0 / 3) / (1 + (2.0 / 3))) + (2 * 0.5 / 1.5)) / 2, 1e-12);
        scores.MacroAuc.Should().Be(1.0);
    }

    private sealed class Collect(List<ComparisonProgress> list) : IProgress<ComparisonProgress>
    {
        public void Report(ComparisonProgress value) => list.Add(value);
    }
}
