using System.CommandLine;
using OmiTrans.Cli.Output;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans train: fits OmiTrans on two omics tables and writes the model and its reports.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (model.omitrans, split.tsv, history.tsv, metrics.json, ...).", DefaultValueFactory = _ => new DirectoryInfo("omitrans-model") };
        var command = new Command("train", "Train OmiTrans (FC generator, conditional GAN + λ·distance) on a source and a target omics table.");
        data.AddTo(command);
        model.AddTo(command);
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) =>
        {
            model.ApplyThreads(result);
            var directory = result.GetValue(output)!.FullName;
            var builder = new TranslatorBuilder()
                .WithGenerator(model.Generator(result))
                .WithDistanceLoss(model.DistanceLoss(result))
                .WithAligner(data.Aligner(result))
                .WithPreprocessing(data.Preprocessing(result))
                .WithTraining(model.Training(result))
                .WithDevice(model.DeviceOptions(result));
            if (data.ExplicitSplit(result) is { } split)
            {
                builder.WithSplit(split);
            }

            var translator = builder.Build();
            var readOptions = data.ReadOptions(result);
            var source = OmicsFile.Read(result.GetValue(data.Source)!.FullName, readOptions);
            var target = OmicsFile.Read(result.GetValue(data.Target)!.FullName, readOptions);
            var prepared = translator.PrepareData(source, target);
            Describe(prepared);
            using var fitted = EpochProgress.Run("omitrans", translator.Settings.Training.Epochs, progress => translator.Fit(prepared, progress, cancellationToken));
            FitOutputs.Write(fitted, directory);
            if (fitted.TestMetrics is { } metrics)
            {
                MetricsTable.Write(Terminal.Out, $"Test metrics ({prepared.Split.Test.Count} samples)", [(fitted.Method, metrics)]);
            }
            else
            {
                Terminal.Note("The split has no test samples; no test metrics.");
            }

            Terminal.Out.WriteLine($"Model and reports written to {directory}");
            return Task.FromResult(0);
        });
        return command;
    }

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
                Terminal.Note($"{role}: {ordering.OrderedFeatureCount} features ordered by location, {ordering.OtherContigFeatures.Count} on other contigs and {ordering.UnannotatedFeatures.Count} unannotated kept at the end.");
            }
        }
    }
}
