using System.Globalization;
using Spectre.Console;

namespace OmiTrans.Cli.Output;

/// <summary>Prints the nine metrics of one or more methods side by side.</summary>
internal static class MetricsTable
{
    private static readonly (string Key, string Label)[] Rows =
    [
        ("mse", "MSE"),
        ("rmse", "RMSE"),
        ("mae", "MAE"),
        ("medianAe", "Median AE"),
        ("meanSamplewiseR2", "Mean samplewise R²"),
        ("meanFeaturewiseR2", "Mean featurewise R²"),
        ("medianFeaturewiseR2", "Median featurewise R²"),
        ("featuresR2Above03", "Features R² > 0.3"),
        ("percentFeaturesR2Above03", "% features R² > 0.3"),
    ];

    public static void Write(IAnsiConsole console, string title, IReadOnlyList<(string Method, TranslationMetrics Metrics)> columns)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("Metric");
        foreach (var (method, _) in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(method)).RightAligned());
        }

        foreach (var (key, label) in Rows)
        {
            var values = columns.Select(c => c.Metrics.TableValues().First(v => v.Key == key).Value).ToArray();
            double best = TranslationMetrics.LowerIsBetter(key) ? values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Min() : values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
            var cells = new List<string> { label };
            foreach (var v in values)
            {
                var text = Format(key, v);
                cells.Add(columns.Count > 1 && v == best ? $"[bold green]{text}[/]" : text);
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    public static string Format(string key, double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        return key switch
        {
            "featuresR2Above03" => value.ToString("F0", CultureInfo.InvariantCulture),
            "percentFeaturesR2Above03" => value.ToString("F1", CultureInfo.InvariantCulture),
            _ => value.ToString("F4", CultureInfo.InvariantCulture),
        };
    }
}
