using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans inspect: prints what a model file holds, after checking that the file loads.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var modelFile = CliOptions.RequiredFile("--model", "A model file (model.omitrans).");
        var json = CliOptions.Flag("--json", "Print the model's description as JSON (the format version 2 manifest: networks, transforms, options, selection, history, metrics; docs/model-format.md) instead of the summary.");
        var command = new Command("inspect", "Check that a model file loads and print what it holds: format and library version, method, networks, features, value transforms, preprocessing, the model selection, training summary and test metrics.") { modelFile, json };
        command.SetAction((result, cancellationToken) =>
        {
            var path = CommandFiles.Input(result, modelFile, text: false);
            using var model = TranslationModel.Load(path);
            if (result.GetValue(json))
            {
                Terminal.Out.WriteLine(model.DescribeAsJson());
                return Task.FromResult(0);
            }

            var d = model.Describe();
            var p = d.Preprocessing;
            var table = new Table().AddColumn("field").AddColumn("value");
            void Row(string name, string? value) => table.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
            Row("file", path);
            Row("format", $"{d.Format} version {d.FormatVersion}");
            Row("library version", d.LibraryVersion);
            Row("created (UTC)", d.CreatedUtc.ToString("u", CultureInfo.InvariantCulture));
            Row("method", d.Method);
            Row("generator", Network(d.Generator.Name, d.Generator.Settings));
            Row("discriminator", d.Discriminator is { } disc ? Network(disc.Name, disc.Settings) : null);
            Row("distance loss", d.DistanceLoss);
            Row("parameters", d.Parameters.ToString("N0", CultureInfo.InvariantCulture));
            Row("source features", Features(model.SourceFeatureIds));
            Row("target features", Features(model.TargetFeatureIds));
            Row("value transforms", $"source {p.SourceTransform}, target {p.TargetTransform} (translate applies the source transform to raw values; translations are {DataOptions.TransformUnits(model.TargetTransform)})");
            if (p.Options is { } o)
            {
                Row("preprocessing", string.Create(CultureInfo.InvariantCulture,
                    $"max missing {o.MaxMissingFraction:0.###}, source scaling {o.SourceScaling}, min variance {(o.MinSourceVariance is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-")}, top variance {(o.TopVarianceSourceFeatures?.ToString(CultureInfo.InvariantCulture) ?? "-")}, {o.ExcludedSourceFeatureCount} excluded"));
            }

            Row("quantile reference", p.HasQuantileReference ? "stored (translate --quantile-normalize)" : "none");
            Row("selection", model.Selection?.Reason);
            if (d.Summary is { } s)
            {
                Row("samples (shared / train / validation / test)", $"{s.SharedSamples} / {s.TrainSamples} / {s.ValidationSamples} / {s.TestSamples}");
                Row("epochs run / selected", $"{s.EpochsRun} / {s.SelectedEpoch}{(s.StoppedEarly ? " (stopped early)" : "")}");
                Row("training time", string.Create(CultureInfo.InvariantCulture, $"{s.TrainingSeconds:0.##} s"));
                Row("trained on", s.Device);
                if (s.Details is { Count: > 0 } details)
                {
                    // The per-penalty validation figures (keys with '@') are counted, the chosen values shown.
                    var chosen = details.Where(kv => !kv.Key.Contains('@', StringComparison.Ordinal)).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:G4}")).ToList();
                    int grid = details.Count - chosen.Count;
                    Row("fit details", string.Join(", ", chosen) + (grid > 0 ? $"{(chosen.Count > 0 ? " " : "")}({grid} validation figures of the penalty grid)" : ""));
                }
            }

            Terminal.Out.Write(table);
            if (model.TestMetrics is { } metrics)
            {
                MetricsTable.Write(Terminal.Out, "Test metrics stored in the model", [(model.Method, metrics)]);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static string Features(IReadOnlyList<string> ids) => ids.Count <= 3
        ? $"{ids.Count} ({string.Join(", ", ids)})"
        : $"{ids.Count} ({string.Join(", ", ids.Take(3))}, ...)";

    /// <summary>A network's name and settings as "name (key value, key value, ...)", numbers rounded, lists joined by '-'.</summary>
    internal static string Network(string name, JsonElement? settings)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } s)
        {
            return name;
        }

        var parts = s.EnumerateObject().Where(p => p.Name != "name").Select(p => $"{p.Name} {Value(p.Value)}").ToList();
        return parts.Count == 0 ? name : $"{name} ({string.Join(", ", parts)})";
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out long i) ? i.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("G4", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join("-", value.EnumerateArray().Select(Value)),
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name} {Value(p.Value)}")) + "}",
        _ => "-",
    };
}
