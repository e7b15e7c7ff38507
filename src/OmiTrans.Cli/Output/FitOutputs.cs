namespace OmiTrans.Cli.Output;

/// <summary>Writes what a fit produced into an output folder.</summary>
internal static class FitOutputs
{
    /// <summary>
    /// Writes model.omitrans, split.tsv, history.tsv (when the method trains in epochs), metrics.json and the
    /// per-feature and per-sample test tables (when there are test samples), report.json and removed_features.tsv.
    /// </summary>
    public static void Write(TranslationModel model, string directory, bool saveModel = true)
    {
        Directory.CreateDirectory(directory);
        if (saveModel)
        {
            model.Save(Path.Combine(directory, "model.omitrans"));
        }

        var reports = model.Reports!;
        reports.Split.Write(Path.Combine(directory, "split.tsv"));
        model.History?.WriteTsv(Path.Combine(directory, "history.tsv"));
        if (model.TestEvaluation is { } test)
        {
            test.WriteMetricsJson(Path.Combine(directory, "metrics.json"));
            test.WriteFeatureTable(Path.Combine(directory, "test_features.tsv"));
            test.WriteSampleTable(Path.Combine(directory, "test_samples.tsv"));
        }

        reports.Preprocessing.WriteRemovedFeatures(Path.Combine(directory, "removed_features.tsv"));
        model.WriteReport(Path.Combine(directory, "report.json"));
    }
}
