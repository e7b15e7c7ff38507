using System.Globalization;
using System.Text;

namespace OmiTrans.Comparison;

/// <summary>The outcome of a <see cref="MethodComparison"/>: every method's test evaluation and, with labels, the classification check.</summary>
public sealed class ComparisonResult
{
    internal ComparisonResult(TranslationData data, IReadOnlyList<ComparisonEntry> entries, IReadOnlyList<ClassificationMetrics>? classification)
    {
        Data = data;
        Entries = entries;
        Classification = classification;
    }

    /// <summary>The data every method was fitted and tested on.</summary>
    public TranslationData Data { get; }

    /// <summary>One entry per method, in the order given.</summary>
    public IReadOnlyList<ComparisonEntry> Entries { get; }

    /// <summary>The classification check (first row: the real test target), or null without labels.</summary>
    public IReadOnlyList<ClassificationMetrics>? Classification { get; }

    /// <summary>Table 1 as tab-separated text: a method column, then one column per metric named as the metrics.json keys.</summary>
    public string Table1Tsv()
    {
        var text = new StringBuilder("method");
        foreach (var (key, _) in Entries[0].Metrics.TableValues())
        {
            text.Append('\t').Append(key);
        }

        text.Append('\n');
        foreach (var entry in Entries)
        {
            text.Append(entry.Method);
            foreach (var (_, value) in entry.Metrics.TableValues())
            {
                text.Append('\t').Append(Format(value));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Table 1 as a Markdown table, best value of each metric in bold, with each method's fit time.</summary>
    public string Table1Markdown()
    {
        var keys = Entries[0].Metrics.TableValues().Select(v => v.Key).ToArray();
        var text = new StringBuilder("| method | " + string.Join(" | ", keys) + " | fit seconds |\n|---|" + string.Concat(Enumerable.Repeat("---:|", keys.Length + 1)) + "\n");
        var best = keys.ToDictionary(k => k, k =>
        {
            var values = Entries.Select(e => e.Metrics.TableValues().First(v => v.Key == k).Value).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length == 0 ? double.NaN : TranslationMetrics.LowerIsBetter(k) ? values.Min() : values.Max();
        });
        foreach (var entry in Entries)
        {
            text.Append("| ").Append(entry.Method);
            foreach (var (key, value) in entry.Metrics.TableValues())
            {
                var cell = Short(key, value);
                text.Append(" | ").Append(value == best[key] ? $"**{cell}**" : cell);
            }

            text.Append(" | ").Append(entry.FitSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Table 3 as tab-separated text: dataset, samples, accuracy, macro precision, recall, F1 and one-vs-rest AUC.</summary>
    public string Table3Tsv()
    {
        var rows = Classification ?? throw new InvalidOperationException("The comparison ran without labels; there is no Table 3.");
        var text = new StringBuilder("dataset\tsamples\taccuracy\tmacroPrecision\tmacroRecall\tmacroF1\tmacroAuc\n");
        foreach (var r in rows)
        {
            text.Append(r.Dataset).Append('\t').Append(r.Samples.ToString(CultureInfo.InvariantCulture));
            foreach (var v in new[] { r.Accuracy, r.MacroPrecision, r.MacroRecall, r.MacroF1, r.MacroAuc })
            {
                text.Append('\t').Append(Format(v));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes table1.tsv, table1.md, table3.tsv (with labels), timings.tsv, split.tsv and per method a folder with
    /// metrics.json, features.tsv, samples.tsv, test_predictions.tsv and history.tsv (for methods trained in epochs).
    /// Every file is written atomically.
    /// </summary>
    /// <param name="directory">The output folder (created when missing).</param>
    public void WriteTo(string directory)
    {
        Guard.NotNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "table1.tsv"), Table1Tsv());
        AtomicFile.WriteAllText(Path.Combine(directory, "table1.md"), Table1Markdown());
        if (Classification is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, "table3.tsv"), Table3Tsv());
        }

        var timings = new StringBuilder("method\tfitSeconds\n");
        foreach (var entry in Entries)
        {
            timings.Append(entry.Method).Append('\t').Append(entry.FitSeconds.ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
            var folder = Path.Combine(directory, entry.Method);
            entry.Test.WriteTo(folder);
            OmicsFile.Write(entry.TestPrediction, Path.Combine(folder, "test_predictions.tsv"));
            entry.History?.WriteTsv(Path.Combine(folder, "history.tsv"));
        }

        AtomicFile.WriteAllText(Path.Combine(directory, "timings.tsv"), timings.ToString());
        Data.Split.Write(Path.Combine(directory, "split.tsv"));
    }

    private static string Format(double value) => double.IsNaN(value) ? "NA" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Short(string key, double value) => double.IsNaN(value) ? "n/a" : key switch
    {
        "featuresR2Above03" => value.ToString("F0", CultureInfo.InvariantCulture),
        "percentFeaturesR2Above03" => value.ToString("F2", CultureInfo.InvariantCulture) + "%",
        _ => value.ToString("F4", CultureInfo.InvariantCulture),
    };
}
