using System.Globalization;
using System.Text;

namespace OmiTrans.Evaluation;

/// <summary>The metrics of a translation with the per-feature and per-sample values behind them.</summary>
/// <param name="Metrics">The nine summary metrics.</param>
/// <param name="Features">One row per target feature.</param>
/// <param name="Samples">One row per sample.</param>
public sealed record EvaluationResult(TranslationMetrics Metrics, IReadOnlyList<FeatureMetrics> Features, IReadOnlyList<SampleMetrics> Samples)
{
    /// <summary>Writes the summary metrics as JSON (keys mse, rmse, mae, medianAe, meanSamplewiseR2, ...), atomically.</summary>
    /// <param name="path">The destination.</param>
    public void WriteMetricsJson(string path) => AtomicFile.WriteAllText(path, Json.Serialize(Metrics) + "\n");

    /// <summary>Writes the per-feature table (feature, r2, pearsonR, mse, mae, actualMean, actualVariance, observed, missingPredictions), atomically.</summary>
    /// <param name="path">The destination.</param>
    public void WriteFeatureTable(string path)
    {
        var text = new StringBuilder("feature\tr2\tpearsonR\tmse\tmae\tactualMean\tactualVariance\tobserved\tmissingPredictions\n");
        foreach (var f in Features)
        {
            text.Append(f.FeatureId).Append('\t').Append(Format(f.R2)).Append('\t').Append(Format(f.PearsonR)).Append('\t')
                .Append(Format(f.Mse)).Append('\t').Append(Format(f.Mae)).Append('\t').Append(Format(f.ActualMean)).Append('\t')
                .Append(Format(f.ActualVariance)).Append('\t').Append(f.Observed.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(f.MissingPredictions.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the per-sample table (sample, r2, mse, mae, observed, missingPredictions), atomically.</summary>
    /// <param name="path">The destination.</param>
    public void WriteSampleTable(string path)
    {
        var text = new StringBuilder("sample\tr2\tmse\tmae\tobserved\tmissingPredictions\n");
        foreach (var s in Samples)
        {
            text.Append(s.SampleId).Append('\t').Append(Format(s.R2)).Append('\t').Append(Format(s.Mse)).Append('\t')
                .Append(Format(s.Mae)).Append('\t').Append(s.Observed.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(s.MissingPredictions.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes metrics.json, features.tsv and samples.tsv into a folder.</summary>
    /// <param name="directory">The folder (created when missing).</param>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        WriteMetricsJson(Path.Combine(directory, "metrics.json"));
        WriteFeatureTable(Path.Combine(directory, "features.tsv"));
        WriteSampleTable(Path.Combine(directory, "samples.tsv"));
    }

    private static string Format(double value) => double.IsNaN(value) ? "NA" : value.ToString("R", CultureInfo.InvariantCulture);
}
