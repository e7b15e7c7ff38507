using System.CommandLine;
using OmiTrans.Cli.Output;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans translate: applies a saved model to a source table.</summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var modelFile = CliOptions.RequiredFile("--model", "A model file written by omitrans train (model.omitrans).");
        var source = CliOptions.RequiredFile("--source", "Source omics table to translate (features matched by id; missing ones are filled with the training mean).");
        var output = new Option<FileInfo>("--out") { Description = "Output table (TSV; .csv for commas, .gz to compress).", Required = true };
        var coverage = CliOptions.Double("--min-coverage", "Refuse when fewer than this fraction of the model's source features are present.", TranslateOptions.Default.MinimumCoverage);
        var samplesInRows = CliOptions.Flag("--samples-in-rows", "The source table holds one sample per row.");
        var device = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");
        var command = new Command("translate", "Translate a source omics table with a saved model.") { modelFile, source, output, coverage, samplesInRows, device };
        command.SetAction((result, cancellationToken) =>
        {
            using var model = TranslationModel.Load(result.GetValue(modelFile)!.FullName, new ModelLoadOptions { Device = DeviceOptions.Parse(result.GetValue(device)!) });
            var input = OmicsFile.Read(result.GetValue(source)!.FullName, new OmicsReadOptions { SamplesInRows = result.GetValue(samplesInRows) });
            var report = model.GetCoverage(input);
            Terminal.Note($"{input.SampleCount} samples; {report.PresentFeatureCount} of the model's {report.ModelFeatureCount} source features present ({report.Fraction:P1}), {report.MissingFeatures.Count} filled with the training mean, {report.ExtraFeatureCount} extra ignored.");
            var translated = model.Translate(input, new TranslateOptions { MinimumCoverage = result.GetValue(coverage) });
            var path = result.GetValue(output)!.FullName;
            OmicsFile.Write(translated, path);
            Terminal.Out.WriteLine($"Wrote {translated.FeatureCount} features x {translated.SampleCount} samples to {path}");
            return Task.FromResult(0);
        });
        return command;
    }
}
