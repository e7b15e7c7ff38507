using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans train: fits OmiTrans on two omics tables and writes the model and its reports.</summary>
internal static class TrainCommand
{
    private const string RunFile = "run.json";

    /// <summary>The files a train run writes into its folder; any of them marks the folder as holding a run.</summary>
    internal static readonly string[] RunFiles =
    [
        RunFile, CheckpointOptions.FileName, "model.omitrans", "split.tsv", "history.tsv", "metrics.json", "test_features.tsv", "test_samples.tsv", "report.json", "removed_features.tsv",
    ];

    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (model.omitrans, split.tsv, history.tsv, metrics.json, checkpoint, ...). A folder that holds another run's files is refused unless --resume or --overwrite.", DefaultValueFactory = _ => new DirectoryInfo("omitrans-model") };
        var checkpointEvery = CliOptions.Int("--checkpoint-every", "Write a checkpoint into the output folder every N epochs (and after the last); 0 = none.", 10).Between(0);
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue an interrupted run from the checkpoint in this output folder, with the options it was started with (run.json); takes no other options." };
        var overwrite = CliOptions.Flag("--overwrite", "Replace the files of an earlier run in the output folder (run.json, checkpoint, model.omitrans and the reports; other files are left alone). Without it such a folder is refused.");
        var json = JsonSummary.Option("output folder, model file, method, kept model and selection, split sizes, epochs, seconds, test metrics");
        var command = new Command("train", "Train OmiTrans (a conditional GAN with a λ-weighted distance loss) on a source and a target omics table.");
        data.AddTo(command);
        model.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(checkpointEvery);
        command.Options.Add(resume);
        command.Options.Add(overwrite);
        command.Options.Add(json);
        command.SetAction((result, cancellationToken) =>
        {
            bool summary = JsonSummary.Begin(result, json);
            if (result.GetValue(resume) is { } resumeDirectory)
            {
                var others = result.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit && o.Option != resume).Select(o => o.Option.Name).ToList();
                if (others.Count > 0)
                {
                    throw new BadInputException($"--resume continues a run with the options it was started with (its run.json); it takes no other options, but got {string.Join(", ", others)}.");
                }

                var folder = resumeDirectory.FullName;
                var runFile = Path.Combine(folder, RunFile);
                if (!File.Exists(runFile))
                {
                    throw new FileNotFoundException($"{runFile} does not exist: --resume needs the output folder of an earlier omitrans train run.", runFile);
                }

                RunRecord? run;
                try
                {
                    run = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(runFile), RunRecordJson);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{runFile} is not the run record of omitrans train ({ex.Message}).", ex);
                }

                if (run is null || run.Args is null || run.WorkingDirectory is null)
                {
                    throw new InvalidDataException($"{runFile} is not the run record of omitrans train (it lacks the working directory or the arguments).");
                }

                if (!Directory.Exists(run.WorkingDirectory))
                {
                    throw new DirectoryNotFoundException($"{runFile}: the run was started in {run.WorkingDirectory}, which no longer exists; its relative paths cannot be resolved.");
                }

                Directory.SetCurrentDirectory(run.WorkingDirectory);
                var original = command.Parse(run.Args);
                if (original.Errors.Count > 0)
                {
                    throw new ArgumentException($"{runFile}: {original.Errors[0].Message}");
                }

                data.CheckInputs(original);
                model.CheckLocations(original, data);
                CommandFiles.OutputFolder(folder, "--resume", RunFiles);
                return Task.FromResult(Run(original, data, model, folder, original.GetValue(checkpointEvery), checkpointsAsked: true, record: null, summary, cancellationToken));
            }

            data.CheckInputs(result);
            model.CheckLocations(result, data);
            var directory = CommandFiles.OutputFolder(result.GetValue(output)!.FullName, "--out", RunFiles);
            var existing = RunFiles.Where(name => File.Exists(Path.Combine(directory, name))).ToList();
            bool replace = result.GetValue(overwrite);
            if (existing.Count > 0 && !replace)
            {
                throw new BadInputException(
                    $"--out {directory} holds the files of another training run ({Preview.Of(existing, 4)}); continue it with 'omitrans train --resume {directory}', choose another --out, or replace them with --overwrite.");
            }

            var args = result.Tokens.Where(t => t.Type != TokenType.Command && t.Value is not ("--overwrite" or "--json")).Select(t => t.Value).ToList();
            if (result.GetResult(output) is not { Implicit: false })
            {
                args.AddRange(["--out", directory]);
            }

            var record = new RunRecord(Environment.CurrentDirectory, args.ToArray());
            return Task.FromResult(Run(result, data, model, directory, result.GetValue(checkpointEvery), result.GetResult(checkpointEvery) is { Implicit: false }, new NewRun(record, replace ? existing : []), summary, cancellationToken));
        });
        return command;
    }

    /// <summary>A run that is not resumed: its record, and the files of an earlier run it replaces (--overwrite).</summary>
    private sealed record NewRun(RunRecord Record, IReadOnlyList<string> Replaced);

    private static int Run(ParseResult result, DataOptions data, ModelOptions model, string directory, int checkpointEvery, bool checkpointsAsked, NewRun? record, bool summary, CancellationToken cancellationToken)
    {
        bool resuming = record is null;
        model.ApplyThreads(result);
        var settings = model.Settings(result) with
        {
            Preprocessing = data.Preprocessing(result),
            Checkpoints = checkpointEvery > 0 || resuming ? new CheckpointOptions { Directory = directory, EveryEpochs = Math.Max(1, checkpointEvery), Resume = resuming } : null,
        };
        var translator = new TranslatorBuilder().WithSettings(settings).Build();
        var (source, target) = data.ReadTables(result);
        // One data path: align and split once (as written to split.tsv), then fit that prepared data.
        var prepared = new TranslatorBuilder().WithSettings(settings with
        {
            Aligner = data.Aligner(result),
            Split = data.ExplicitSplit(result) is { } split ? new SplitOptions { Split = split } : null,
        }).Build().PrepareData(source, target);
        cancellationToken.ThrowIfCancellationRequested();
        Describe(prepared);
        if (settings.Checkpoints is not null && !resuming)
        {
            // A cross-validated fit trains one network per fold, which one checkpoint cannot cover: on a small cohort
            // the default checkpoints give way to the library's default selection; asked-for checkpoints keep theirs.
            var crossValidating = new TranslatorBuilder().WithSettings(settings with { Checkpoints = null }).Build();
            if (crossValidating.CrossValidates(prepared))
            {
                if (checkpointsAsked)
                {
                    Terminal.Note("--checkpoint-every: this cohort is small enough for cross-validated selection, which checkpoints cannot cover; it is off for this run (leave --checkpoint-every out to use it).");
                }
                else
                {
                    translator = crossValidating;
                    Terminal.Note($"{prepared.Split.Train.Count + prepared.Split.Validation.Count} training and validation samples: cross-validated selection ({settings.CrossValidation!.Folds} folds; docs/choosing-settings.md), without checkpoints.");
                }
            }
        }

        bool bothLocated = prepared.Pair.HasSourceLocations && prepared.Pair.HasTargetLocations;
        if (bothLocated && translator.Settings.Generator is FullyConnectedGenerator)
        {
            Terminal.Note("Both location tables are given: --generator auto (the default) or cis (each target feature from its nearest source features) beat the FC generator and every baseline on synthetic methylation -> expression; see docs/study.md.");
        }

        if (resuming)
        {
            Terminal.Note($"Resuming from {Path.Combine(directory, CheckpointOptions.FileName)}.");
        }

        var runFile = Path.Combine(directory, RunFile);
        if (record is not null)
        {
            // The inputs and settings are valid: only now is the folder claimed. With --overwrite the earlier run's
            // files go first, so that none of them (an old checkpoint, old test metrics) is taken for this run's.
            foreach (var name in record.Replaced)
            {
                File.Delete(Path.Combine(directory, name));
            }

            if (record.Replaced.Count > 0)
            {
                Terminal.Note($"--overwrite: removed the earlier run's {string.Join(", ", record.Replaced)} from {directory}.");
            }

            AtomicFile.WriteAllText(runFile, JsonSerializer.Serialize(record.Record, RunRecordJson) + "\n");
        }

        TranslationModel fitted;
        try
        {
            fitted = EpochProgress.Run(translator.Name, translator.Settings.Training.Epochs, progress => translator.Fit(prepared, progress, cancellationToken));
        }
        catch (Exception ex) when (record is not null && ex is not OperationCanceledException && !File.Exists(Path.Combine(directory, CheckpointOptions.FileName)))
        {
            // Nothing to resume: the run record this run wrote would only block the folder.
            File.Delete(runFile);
            throw;
        }

        using (fitted)
        {
            FitOutputs.Write(fitted, directory);
            string trained = fitted.Selection?.Network ?? fitted.GeneratorName;
            Terminal.Note(translator.Settings.Generator is AutoGenerator
                ? $"Trained generator: {trained} (chosen by --generator auto: {(bothLocated ? "both omics have location tables" : "the cis generator needs location tables for both omics, which were not both given")})."
                : $"Trained generator: {trained}.");
            SelectionNote.Write(fitted.Method, fitted.Selection);
            if (fitted.TestMetrics is { } metrics)
            {
                MetricsTable.Write(Terminal.Out, $"Test metrics ({prepared.Split.Test.Count} samples)", [(fitted.Method, metrics)]);
            }
            else
            {
                Terminal.Note("The split has no test samples; no test metrics.");
            }

            if (summary)
            {
                JsonSummary.Write("train", new JsonObject
                {
                    ["out"] = directory,
                    ["model"] = Path.Combine(directory, "model.omitrans"),
                    ["method"] = fitted.Method,
                    ["generator"] = fitted.GeneratorName,
                    ["resumed"] = resuming,
                    ["selection"] = JsonSummary.Node(fitted.Selection),
                    ["samples"] = new JsonObject { ["train"] = prepared.Split.Train.Count, ["validation"] = prepared.Split.Validation.Count, ["test"] = prepared.Split.Test.Count },
                    ["sourceFeatures"] = fitted.SourceFeatureIds.Count,
                    ["targetFeatures"] = fitted.TargetFeatureIds.Count,
                    ["epochsRun"] = fitted.History?.Epochs.Count,
                    ["selectedEpoch"] = fitted.History?.SelectedEpoch,
                    ["seconds"] = JsonSummary.Number(fitted.History?.Seconds ?? double.NaN),
                    ["testMetrics"] = JsonSummary.Node(fitted.TestMetrics),
                });
            }
        }

        Terminal.Out.WriteLine($"Model and reports written to {directory}");
        return 0;
    }

    /// <summary>run.json: camelCase as every JSON file of the tool; read case-insensitively, so records written before (PascalCase) still resume.</summary>
    private static readonly JsonSerializerOptions RunRecordJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>How a run was started, so --resume can start it again the same way.</summary>
    private sealed record RunRecord(string WorkingDirectory, string[] Args);

    /// <summary>Notes what the alignment kept and dropped.</summary>
    internal static void Describe(TranslationData data)
    {
        var a = data.Alignment;
        Terminal.Note($"{a.SharedSampleCount} shared samples ({a.SamplesOnlyInSource.Count} only in source, {a.SamplesOnlyInTarget.Count} only in target, {a.AmbiguousSamples.Count} ambiguous dropped); "
            + $"split {data.Split.Train.Count}/{data.Split.Validation.Count}/{data.Split.Test.Count} (train/validation/test)"
            + (data.UnassignedSamples.Count > 0 ? $", {data.UnassignedSamples.Count} not in the split file" : string.Empty) + ".");
        if (a.CaseOrSpaceOnlyMismatches > 0)
        {
            Terminal.Note($"{a.CaseOrSpaceOnlyMismatches} unmatched source samples would match ignoring case or spaces; ids are compared exactly.");
        }

        foreach (var (role, ordering) in new[] { ("source", a.SourceOrdering), ("target", a.TargetOrdering) })
        {
            if (ordering is not null)
            {
                Terminal.Note($"{role}: {ordering.OrderedFeatureCount} features ordered by location, {ordering.OtherContigFeatures.Count} on other contigs and {ordering.UnannotatedFeatures.Count} unannotated kept at the end; {ordering.UnmatchedLocationCount} location ids match no feature.");
            }
        }
    }
}
