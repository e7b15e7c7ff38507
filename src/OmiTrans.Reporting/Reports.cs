using System.Globalization;
using System.Text;

namespace OmiTrans.Reporting;

/// <summary>Writes the figures and a Markdown report (report.md) that links the tables and figures.</summary>
public static class Reports
{
    /// <summary>
    /// Writes a comparison: the tables of <see cref="ComparisonResult.WriteTo"/>, per method the R² histograms, training
    /// curves (when trained in epochs), the best/worst scatter and a PCA embedding of real and translated test samples,
    /// a t-SNE embedding for the first method, and report.md.
    /// </summary>
    /// <param name="result">The comparison.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="labels">Sample labels to colour the embeddings, or null.</param>
    /// <param name="warn">
    /// Receives one line per figure that could not be drawn; the tables and report.md are written regardless. Null to
    /// throw on the first figure that fails instead.
    /// </param>
    /// <returns>The paths of the figures written.</returns>
    public static IReadOnlyList<string> WriteComparison(ComparisonResult result, string directory, IReadOnlyDictionary<string, string>? labels = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.WriteTo(directory);
        var (_, testTarget) = result.Data.Get(SplitSet.Test);
        var figures = new List<string>();
        var report = new StringBuilder("# Method comparison\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{result.Data.Source.SampleCount} shared samples; split {result.Data.Split.Train.Count}/{result.Data.Split.Validation.Count}/{result.Data.Split.Test.Count} (train/validation/test); ")
            .Append(CultureInfo.InvariantCulture, $"every method fitted on the same training samples and evaluated on the same {result.Data.Split.Test.Count} test samples.\n\n");
        report.Append("## Table 1: reconstruction on the test samples\n\n").Append(result.Table1Markdown()).Append("\nData: [table1.tsv](table1.tsv), [timings.tsv](timings.tsv).\n\n");
        if (result.Classification is { } classification)
        {
            report.Append("## Table 3: downstream classification of the test samples\n\n")
                .Append("A classifier (an MLP, 256-64 hidden units, trained on the real training target) classifies the real test target and each method's translated test target.\n\n")
                .Append("| data | samples | accuracy | macro precision | macro recall | macro F1 | macro AUC |\n|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var r in classification)
            {
                report.Append(CultureInfo.InvariantCulture, $"| {r.Dataset} | {r.Samples} | {r.Accuracy:F4} | {r.MacroPrecision:F4} | {r.MacroRecall:F4} | {r.MacroF1:F4} | {r.MacroAuc:F4} |\n");
            }

            report.Append("\nData: [table3.tsv](table3.tsv).\n\n");
        }

        report.Append("## Figures\n\n");
        for (int i = 0; i < result.Entries.Count; i++)
        {
            var entry = result.Entries[i];
            var folder = Path.Combine(directory, entry.Method);
            var actual = testTarget.SelectFeatures(entry.TestPrediction.FeatureIds);
            var written = MethodFigures(entry.Method, "test", entry.Test, entry.TestPrediction, actual, entry.History, labels, folder, tsne: i == 0, warn);
            figures.AddRange(written);
            report.Append("### ").Append(entry.Method).Append("\n\n");
            foreach (var figure in written)
            {
                var relative = Path.GetRelativePath(directory, figure);
                report.Append("![").Append(Path.GetFileNameWithoutExtension(figure)).Append("](").Append(relative).Append(")\n");
            }

            report.Append('\n');
        }

        WriteText(Path.Combine(directory, "report.md"), report.ToString());
        return figures;
    }

    /// <summary>Writes the figures of one evaluation (R² histograms and the best/worst scatter) and report.md.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="predicted">The translated values.</param>
    /// <param name="actual">The actual values.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="warn">
    /// Receives one line per figure that could not be drawn; report.md is written regardless. Null to throw on the
    /// first figure that fails instead.
    /// </param>
    /// <returns>The paths of the figures written.</returns>
    public static IReadOnlyList<string> WriteEvaluation(EvaluationResult evaluation, OmicsMatrix predicted, OmicsMatrix actual, string directory, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var figures = MethodFigures("prediction", "evaluated", evaluation, predicted, actual, null, null, directory, tsne: false, warn);
        var report = new StringBuilder("# Evaluation\n\n| metric | value |\n|---|---:|\n");
        foreach (var (key, value) in evaluation.Metrics.TableValues())
        {
            report.Append(CultureInfo.InvariantCulture, $"| {key} | {value:G6} |\n");
        }

        report.Append("\nData: [metrics.json](metrics.json), [features.tsv](features.tsv), [samples.tsv](samples.tsv).\n\n");
        foreach (var figure in figures)
        {
            report.Append("![").Append(Path.GetFileNameWithoutExtension(figure)).Append("](").Append(Path.GetRelativePath(directory, figure)).Append(")\n");
        }

        WriteText(Path.Combine(directory, "report.md"), report.ToString());
        return figures;
    }

    private static List<string> MethodFigures(
        string method, string scope, EvaluationResult evaluation, OmicsMatrix predicted, OmicsMatrix actual, TrainingHistory? history, IReadOnlyDictionary<string, string>? labels, string folder, bool tsne, Action<string>? warn)
    {
        var figures = new List<string>();
        void Draw(string name, Func<string> draw)
        {
            try
            {
                figures.Add(draw());
            }
            catch (Exception ex) when (warn is not null && ex is not OperationCanceledException)
            {
                warn($"{Path.Combine(folder, name)} was not drawn: {ex.Message}");
            }
        }

        Draw("samplewise_r2.png", () => Figures.R2Histogram(evaluation.Samples.Select(s => s.R2), $"{method}: samplewise R² ({scope} samples)", "samplewise R²", Path.Combine(folder, "samplewise_r2.png")));
        Draw("featurewise_r2.png", () => Figures.R2Histogram(evaluation.Features.Select(f => f.R2), $"{method}: featurewise R² ({scope} samples; values below -1 drawn at -1)", "featurewise R²", Path.Combine(folder, "featurewise_r2.png")));
        if (history is not null && history.Epochs.Count > 0)
        {
            Draw("training_curves.png", () => Figures.TrainingCurves(history, $"{method}: training", Path.Combine(folder, "training_curves.png")));
        }

        Draw("scatter_best_worst.png", () => Figures.BestWorstScatter(evaluation, predicted, actual, $"{method}: best and worst translated features", Path.Combine(folder, "scatter_best_worst.png")));
        if (actual.SampleCount >= 3)
        {
            // Bounded at any cohort size: a seeded random subset of the samples (stated in the title).
            var realShown = actual.SelectSamples(Embeddings.SeededSubset(actual.SampleCount, Embeddings.MaxFigureSamples).Select(i => actual.SampleIds[i]).ToArray());
            var translatedShown = predicted.SelectSamples(Embeddings.SeededSubset(predicted.SampleCount, Embeddings.MaxFigureSamples, seed: 2).Select(i => predicted.SampleIds[i]).ToArray());
            string subset = SubsetNote(actual.SampleCount, realShown.SampleCount, predicted.SampleCount, translatedShown.SampleCount);
            var realLabels = labels is null ? null : realShown.SampleIds.Select(id => labels.GetValueOrDefault(id, "unlabelled")).ToList();
            var translatedLabels = labels is null ? null : translatedShown.SampleIds.Select(id => labels.GetValueOrDefault(id, "unlabelled")).ToList();
            Draw("embedding_pca.png", () =>
            {
                var (real, translated) = Embeddings.Pca(realShown, translatedShown);
                return Figures.Embedding(Pairs(real), Pairs(translated), realLabels, translatedLabels, $"{method}: PCA of real and translated {scope} samples{subset}", "PC", Path.Combine(folder, "embedding_pca.png"));
            });
            if (tsne)
            {
                Draw("embedding_tsne.png", () => TsneFigure(method, realShown, translatedShown, realLabels, translatedLabels, folder, actual.SampleCount, predicted.SampleCount));
            }
        }

        return figures;
    }

    /// <summary>The title's note of a subsample (empty when every sample is drawn).</summary>
    private static string SubsetNote(int real, int realShown, int translated, int translatedShown)
    {
        if (realShown == real && translatedShown == translated)
        {
            return string.Empty;
        }

        return string.Create(CultureInfo.InvariantCulture, $" (a seeded random {realShown:N0} of {real:N0} real and {translatedShown:N0} of {translated:N0} translated samples)");
    }

    private static string TsneFigure(string method, OmicsMatrix actual, OmicsMatrix predicted, IReadOnlyList<string>? realLabels, IReadOnlyList<string>? translatedLabels, string folder, int realTotal, int translatedTotal)
    {
        int n = actual.SampleCount;
        int m = predicted.SampleCount;
        var keep = Embeddings.SeededSubset(n + m, Embeddings.MaxTsnePoints);
        int realKeptCount = keep.Count(i => i < n);
        var realSubset = actual.SelectSamples(keep.Where(i => i < n).Select(i => actual.SampleIds[i]).ToArray());
        var translatedSubset = predicted.SelectSamples(keep.Where(i => i >= n).Select(i => predicted.SampleIds[i - n]).ToArray());
        int components = Math.Max(1, Math.Min(30, realSubset.SampleCount - 1));
        var (real, translated) = Embeddings.Pca(realSubset, translatedSubset, components);
        var points = new double[keep.Length * components];
        Array.Copy(real, 0, points, 0, real.Length);
        Array.Copy(translated, 0, points, real.Length, translated.Length);
        var layout = Embeddings.Tsne(points, keep.Length);
        var realPoints = new List<(double, double)>();
        var translatedPoints = new List<(double, double)>();
        var realKept = new List<string>();
        var translatedKept = new List<string>();
        for (int k = 0; k < keep.Length; k++)
        {
            int i = keep[k];
            if (i < n)
            {
                realPoints.Add((layout[2 * k], layout[(2 * k) + 1]));
                realKept.Add(realLabels?[i] ?? string.Empty);
            }
            else
            {
                translatedPoints.Add((layout[2 * k], layout[(2 * k) + 1]));
                translatedKept.Add(translatedLabels?[i - n] ?? string.Empty);
            }
        }

        string subset = SubsetNote(realTotal, realKeptCount, translatedTotal, keep.Length - realKeptCount);
        return Figures.Embedding(realPoints, translatedPoints, realLabels is null ? null : realKept, translatedLabels is null ? null : translatedKept, $"{method}: t-SNE of real and translated test samples{subset}", "t-SNE ", Path.Combine(folder, "embedding_tsne.png"));
    }

    private static List<(double X, double Y)> Pairs(double[] coordinates)
    {
        var list = new List<(double, double)>(coordinates.Length / 2);
        for (int i = 0; i + 1 < coordinates.Length; i += 2)
        {
            list.Add((coordinates[i], coordinates[i + 1]));
        }

        return list;
    }

    private static void WriteText(string path, string text) => AtomicFile.WriteAllText(path, text);
}
