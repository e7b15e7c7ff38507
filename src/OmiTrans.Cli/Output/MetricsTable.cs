using System.Globalization;

namespace OmiTrans.Cli.Output;

/// <summary>Prints the nine metrics of one or more methods: metrics as rows for up to three methods, methods as rows beyond.</summary>
internal static class MetricsTable
{
    private static readonly (string Key, string Label, string Short)[] Metrics =
    [
        ("mse", "MSE", "MSE"),
        ("rmse", "RMSE", "RMSE"),
        ("mae", "MAE", "MAE"),
        ("medianAe", "Median AE", "MedAE"),
        ("meanSamplewiseR2", "Mean samplewise R²", "R²s"),
        ("meanFeaturewiseR2", "Mean featurewise R²", "R²f"),
        ("medianFeaturewiseR2", "Median featurewise R²", "med R²f"),
        ("featuresR2Above03", "Features R² > 0.3", "#R²f>.3"),
        ("percentFeaturesR2Above03", "% features R² > 0.3", "%R²f>.3"),
    ];

    public static void Write(IAnsiConsole console, string title, IReadOnlyList<(string Method, TranslationMetrics Metrics)> columns)
    {
        var best = Metrics.ToDictionary(m => m.Key, m =>
        {
            var values = columns.Select(c => Value(c.Metrics, m.Key)).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length == 0 ? double.NaN : TranslationMetrics.LowerIsBetter(m.Key) ? values.Min() : values.Max();
        });
        string Cell(string key, double v) => columns.Count > 1 && v == best[key] ? $"[bold green]{Format(key, v)}[/]" : Format(key, v);

        var table = new Table().Title(Markup.Escape(title));
        if (columns.Count <= 3)
        {
            table.AddColumn("Metric");
            foreach (var (method, _) in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(method)).RightAligned());
            }

            foreach (var (key, label, _) in Metrics)
            {
                table.AddRow(new[] { label }.Concat(columns.Select(c => Cell(key, Value(c.Metrics, key)))).ToArray());
            }
        }
        else
        {
            table.AddColumn("Method");
            foreach (var (_, _, shortName) in Metrics)
            {
                table.AddColumn(new TableColumn(Markup.Escape(shortName)).RightAligned());
            }

            foreach (var (method, metrics) in columns)
            {
                table.AddRow(new[] { Markup.Escape(method) }.Concat(Metrics.Select(m => Cell(m.Key, Value(metrics, m.Key)))).ToArray());
            }
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

    private static double Value(TranslationMetrics metrics, string key) => metrics.TableValues().First(v => v.Key == key).Value;
}
