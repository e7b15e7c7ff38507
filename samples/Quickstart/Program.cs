// Quickstart: synthetic methylation and expression, fit FC OmiTrans, translate, evaluate, save and load.
using OmiTrans.Data;
using OmiTrans.Evaluation;
using OmiTrans.Models;
using OmiTrans.Synthetic;
using OmiTrans.Training;
using OmiTrans;

var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 400, SourceFeatures = 600, TargetFeatures = 200, Seed = 7 });

var translator = new TranslatorBuilder()
    .WithTraining(o => o with { Epochs = 20, Seed = 7 })
    .Build();

using TranslationModel model = translator.Fit(data.Source, data.Target, new ConsoleProgress());
Console.WriteLine($"Test metrics: {model.TestMetrics}");

model.Save("quickstart.omitrans");
using var loaded = TranslationModel.Load("quickstart.omitrans");

OmicsMatrix predicted = loaded.Translate(data.Source);                 // every sample, features matched by id
EvaluationResult result = loaded.Evaluate(data.Source, data.Target);   // the nine metrics on all samples
Console.WriteLine($"Translated {predicted.SampleCount} samples x {predicted.FeatureCount} genes; featurewise R² on all samples {result.Metrics.MeanFeaturewiseR2:F3}");
OmicsFile.Write(predicted, "quickstart_predicted.tsv");

/// <summary>Prints every fifth epoch as it finishes (synchronously, unlike Progress&lt;T&gt;).</summary>
internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        if (value.Epoch % 5 == 0)
        {
            Console.WriteLine($"epoch {value.Epoch,3}/{value.TotalEpochs}: validation featurewise R² {value.ValidationMetrics?.MeanFeaturewiseR2:F3}");
        }
    }
}
