using System.Text.Json.Nodes;
using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans compare: the paper's comparison (Table 1, Table 3, figures) in one command.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var labels = CliOptions.OptionalFile("--labels", "Sample labels (sample, label) for the downstream classification check (Table 3) and coloured embeddings.");
        var methods = CliOptions.Text("--methods", "Comma-separated methods: " + string.Join(", ", TranslationMethods.Names) + " (default: all that apply: omitrans-cis only when both location tables are given, and not the variant that omitrans already is).", string.Join(',', TranslationMethods.Names));
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (table1.tsv, table1.md, table3.tsv, report.md, per-method metrics, predictions and figures).", DefaultValueFactory = _ => new DirectoryInfo("omitrans-compare") };
        var keepModels = CliOptions.Flag("--keep-models", "Also save every fitted model as <method>/model.omitrans.");
        var json = JsonSummary.Option("output folder, split sizes, per method: test metrics, fit seconds, kept model; Table 3 with --labels");
        var command = new Command("compare", "Fit every chosen method on the same split and compare them: Table 1 (nine metrics), Table 3 (classification, with --labels), figures and report.md.");
        data.AddTo(command);
        model.AddTo(command);
        command.Options.Add(labels);
        command.Options.Add(methods);
        command.Options.Add(output);
        command.Options.Add(keepModels);
        command.Options.Add(json);
        command.SetAction((result, cancellationToken) =>
        {
            bool summary = JsonSummary.Begin(result, json);
            data.CheckInputs(result);
            var labelPath = CommandFiles.OptionalInput(result, labels);
            model.CheckLocations(result, data);
            var names = ParseMethods(result.GetValue(methods)!);
            bool sourceLocated = result.GetValue(data.SourceLocations) is not null;
            bool targetLocated = result.GetValue(data.TargetLocations) is not null;
            if (names.Contains("omitrans-cis") && result.GetResult(methods) is { Implicit: false } && !(sourceLocated && targetLocated))
            {
                throw new BadInputException("--methods omitrans-cis needs both --source-locations and --target-locations.");
            }

            if (names.Contains("omitrans-chromosome") && result.GetResult(methods) is { Implicit: false } && !sourceLocated)
            {
                throw new BadInputException("--methods omitrans-chromosome needs --source-locations.");
            }

            var directory = CommandFiles.OutputFolder(result.GetValue(output)!.FullName, "--out", OutputNames, subfolders: true);
            model.ApplyThreads(result);
            var settings = model.Settings(result) with { Preprocessing = data.Preprocessing(result) };
            var labelTable = labelPath is not null ? SampleLabels.Read(labelPath) : null;
            var (source, target) = data.ReadTables(result);
            // One data path: the comparison aligns and splits once; every method fits that prepared data.
            var aligner = new TranslatorBuilder().WithSettings(settings with
            {
                Aligner = data.Aligner(result),
                Split = data.ExplicitSplit(result) is { } split ? new SplitOptions { Split = split } : null,
            }).Build();
            var prepared = aligner.PrepareData(source, target);
            cancellationToken.ThrowIfCancellationRequested();
            TrainCommand.Describe(prepared);
            if (result.GetResult(methods) is not { Implicit: false })
            {
                names = TranslationMethods.For(settings, prepared).ToList();
            }

            int channels = result.GetValue(model.Channels);
            var methodList = names.Select(name => TranslationMethods.Create(name, name == "omitrans-unet" ? settings with { Generator = new UNetGenerator { BaseChannels = channels } } : settings)).ToList();
            var comparison = Run(prepared, methodList, new ComparisonOptions { Labels = labelTable, ModelDirectory = result.GetValue(keepModels) ? directory : null }, cancellationToken);
            Write(comparison, directory, labelTable);
            if (summary)
            {
                WriteSummary("compare", comparison, directory);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Runs a comparison with a progress display.</summary>
    internal static ComparisonResult Run(TranslationData data, IReadOnlyList<ITranslationMethod> methods, ComparisonOptions options, CancellationToken cancellationToken)
        => ComparisonProgressDisplay.Run(methods, progress => MethodComparison.Run(data, methods, options, progress, cancellationToken));

    /// <summary>The files compare (and demo) write: in the output folder, and in each method's subfolder.</summary>
    internal static readonly string[] OutputNames =
    [
        "table1.tsv", "table1.md", "table3.tsv", "timings.tsv", "split.tsv", "report.md",
        "metrics.json", "features.tsv", "samples.tsv", "test_predictions.tsv", "history.tsv", "model.omitrans",
        "samplewise_r2.png", "featurewise_r2.png", "training_curves.png", "scatter_best_worst.png", "embedding_pca.png", "embedding_tsne.png",
    ];

    /// <summary>Writes the tables, figures and report and prints Table 1 (and Table 3); a figure that cannot be drawn is a warning.</summary>
    internal static void Write(ComparisonResult comparison, string directory, IReadOnlyDictionary<string, string>? labels)
    {
        Reports.WriteComparison(comparison, directory, labels, warning => Terminal.Warning("figure " + warning));
        MetricsTable.Write(Terminal.Out, $"Table 1: test metrics, {comparison.Data.Split.Test.Count} samples", comparison.Entries.Select(e => (e.Method, e.Metrics)).ToList());
        var timings = new Table().AddColumn("method").AddColumn(new TableColumn("fit seconds").RightAligned());
        foreach (var entry in comparison.Entries)
        {
            timings.AddRow(entry.Method, entry.FitSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }

        Terminal.Out.Write(timings);
        foreach (var entry in comparison.Entries)
        {
            SelectionNote.Write(entry.Method, entry.Selection);
        }

        if (comparison.Classification is { } rows)
        {
            ClassificationTable.Write(Terminal.Out, rows);
        }

        Terminal.Out.WriteLine($"Tables, figures and report.md written to {directory}");
    }

    /// <summary>The --json summary of compare and demo.</summary>
    internal static void WriteSummary(string command, ComparisonResult comparison, string directory, JsonObject? extra = null)
    {
        var fields = new JsonObject
        {
            ["out"] = directory,
            ["samples"] = new JsonObject { ["train"] = comparison.Data.Split.Train.Count, ["validation"] = comparison.Data.Split.Validation.Count, ["test"] = comparison.Data.Split.Test.Count },
            ["methods"] = new JsonArray(comparison.Entries.Select(e => (JsonNode)new JsonObject
            {
                ["method"] = e.Method,
                ["fitSeconds"] = JsonSummary.Number(e.FitSeconds),
                ["selection"] = JsonSummary.Node(e.Selection),
                ["testMetrics"] = JsonSummary.Node(e.Metrics),
            }).ToArray()),
            ["classification"] = comparison.Classification is { } rows ? JsonSummary.Node(rows) : null,
        };
        foreach (var (name, value) in extra?.ToList() ?? [])
        {
            extra!.Remove(name);
            fields[name] = value;
        }

        JsonSummary.Write(command, fields);
    }

    private static List<string> ParseMethods(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = names.Where(n => !TranslationMethods.Names.Contains(n)).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new BadInputException(names.Count == 0
                ? $"--methods: no method given; known: {string.Join(", ", TranslationMethods.Names)}."
                : $"--methods: unknown method(s) {string.Join(", ", unknown)}; known: {string.Join(", ", TranslationMethods.Names)}.");
        }

        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new BadInputException($"--methods: {string.Join(", ", repeated)} listed more than once.");
        }

        return names;
    }
}
