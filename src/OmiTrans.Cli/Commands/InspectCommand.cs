using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans inspect: prints what a model file holds (its manifest), after checking the file loads.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var modelFile = CliOptions.RequiredFile("--model", "A model file (model.omitrans).");
        var json = CliOptions.Flag("--json", "Print the whole manifest as JSON (feature ids, preprocessing parameters, options, history) instead of the summary.");
        var command = new Command("inspect", "Check that a model file loads and print its manifest: format and library version, method, networks, features, preprocessing, training summary and test metrics.") { modelFile, json };
        command.SetAction((result, cancellationToken) =>
        {
            using var model = TranslationModel.Load(CommandFiles.Input(result, modelFile, text: false));
            var manifest = model.DescribeAsJson();
            if (result.GetValue(json))
            {
                Terminal.Out.WriteLine(manifest);
                return Task.FromResult(0);
            }

            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            var table = new Table().AddColumn("field").AddColumn("value");
            void Row(string name, string? value) => table.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
            Row("file", result.GetValue(modelFile)!.FullName);
            Row("format", $"{Text(root, "format")} version {Text(root, "formatVersion")}");
            Row("library version", model.LibraryVersion);
            Row("created (UTC)", model.CreatedUtc.ToString("u", CultureInfo.InvariantCulture));
            Row("method", model.Method);
            Row("generator", Network(root, "generator"));
            Row("discriminator", Network(root, "discriminator"));
            Row("distance loss", Text(root, "distanceLoss"));
            Row("parameters", model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
            Row("source features", $"{model.SourceFeatureIds.Count} ({string.Join(", ", model.SourceFeatureIds.Take(3))}, ...)");
            Row("target features", $"{model.TargetFeatureIds.Count} ({string.Join(", ", model.TargetFeatureIds.Take(3))}, ...)");
            Row("quantile reference", model.HasQuantileReference ? "stored (translate --quantile-normalize)" : "none");
            if (root.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                Row("samples (shared / train / validation / test)", $"{Text(summary, "sharedSamples")} / {Text(summary, "trainSamples")} / {Text(summary, "validationSamples")} / {Text(summary, "testSamples")}");
                Row("epochs run / selected", $"{Text(summary, "epochsRun")} / {Text(summary, "selectedEpoch")}{(Text(summary, "stoppedEarly") == "true" ? " (stopped early)" : "")}");
                Row("training seconds", Text(summary, "trainingSeconds"));
                Row("trained on", Text(summary, "device"));
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

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string? Network(JsonElement root, string name)
        => root.TryGetProperty(name, out var network) && network.ValueKind == JsonValueKind.Object
            ? Text(network, "name") + (network.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object ? " " + settings.GetRawText() : "")
            : null;
}
