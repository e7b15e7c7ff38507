using System.CommandLine;
using System.Text.Json;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans train: fits OmiTrans on two omics tables and writes the model and its reports.</summary>
internal static class TrainCommand
{
    private const string RunFile = "run.json";

    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (model.omitrans, split.tsv, history.tsv, metrics.json, checkpoint, ...).", DefaultValueFactory = _ => new DirectoryInfo("omitrans-model") };
        var checkpointEvery = CliOptions.Int("--checkpoint-every", "Write a checkpoint into the output folder every N epochs (and after the last); 0 = none.", 10).Between(0);
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue an interrupted run from the checkpoint in this output folder, with the options it was started with." };
        var command = new Command("train", "Train OmiTrans (a conditional GAN with a λ-weighted distance loss) on a source and a target omics table.");
        data.AddTo(command);
        model.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(checkpointEvery);
        command.Options.Add(resume);
        command.SetAction((result, cancellationToken) =>
        {
            if (result.GetValue(resume) is { } resumeDirectory)
            {
                var runFile = Path.Combine(resumeDirectory.FullName, RunFile);
                if (!File.Exists(runFile))
                {
                    throw new FileNotFoundException($"{runFile} does not exist: --resume needs the output folder of an earlier omitrans train run.", runFile);
                }

                var run = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(runFile))
                    ?? throw new InvalidDataException($"{runFile} is empty.");
                Directory.SetCurrentDirectory(run.WorkingDirectory);
                var original = command.Parse(run.Args);
                if (original.Errors.Count > 0)
                {
                    throw new ArgumentException($"{runFile}: {original.Errors[0].Message}");
                }

                return Task.FromResult(Run(original, data, model, resumeDirectory.FullName, original.GetValue(checkpointEvery), resuming: true, cancellationToken));
            }

            var directory = result.GetValue(output)!.FullName;
            Directory.CreateDirectory(directory);
            var args = result.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => t.Value).ToList();
            if (result.GetResult(output) is not { Implicit: false })
            {
                args.AddRange(["--out", directory]);
            }

            var record = new RunRecord(Environment.CurrentDirectory, args.ToArray());
            File.WriteAllText(Path.Combine(directory, RunFile), JsonSerializer.Serialize(record) + "\n");
            return Task.FromResult(Run(result, data, model, directory, result.GetValue(checkpointEvery), resuming: false, cancellationToken));
        });
        return command;
    }

    private static int Run(ParseResult result, DataOptions data, ModelOptions model, string directory, int checkpointEvery, bool resuming, CancellationToken cancellationToken)
    {
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
        Describe(prepared);
        bool bothLocated = prepared.Pair.HasSourceLocations && prepared.Pair.HasTargetLocations;
        if (bothLocated && translator.Settings.Generator is FullyConnectedGenerator)
        {
            Terminal.Note("Both location tables are given: --generator auto (the default) or cis (each target feature from its nearest source features) beat the FC generator and every baseline on synthetic methylation -> expression; see docs/study.md.");
        }

        if (resuming)
        {
            Terminal.Note($"Resuming from {Path.Combine(directory, CheckpointOptions.FileName)}.");
        }

        using var fitted = EpochProgress.Run(translator.Name, translator.Settings.Training.Epochs, progress => translator.Fit(prepared, progress, cancellationToken));
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

        Terminal.Out.WriteLine($"Model and reports written to {directory}");
        return 0;
    }

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
