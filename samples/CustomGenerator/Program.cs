// CustomGenerator: plug your own network and your own distance loss into OmiTrans, train, save and load back.
using OmiTrans.Baselines;
using OmiTrans.Models;
using OmiTrans.Splitting;
using OmiTrans.Synthetic;
using CustomGeneratorSample;
using OmiTrans;

var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 400, SourceFeatures = 600, TargetFeatures = 200, Seed = 11 });
var generator = new ResidualGenerator(HiddenWidth: 128);

var translator = new TranslatorBuilder()
    .WithGenerator(generator)
    .WithDistanceLoss(new HuberDistance(Delta: 0.1))
    .WithTraining(o => o with { Epochs = 20, Seed = 11 })
    .WithoutFallback() // keep the custom network even if ridge validates better
    .Build();
TranslationData prepared = translator.PrepareData(data.Source, data.Target);   // paired samples and the split

using var model = translator.Fit(prepared);
using var mean = new MeanBaseline().Fit(prepared);                              // the same split
Console.WriteLine($"{generator.Name} with the Huber distance: test featurewise R² {model.TestMetrics!.MeanFeaturewiseR2:F3} ({model.ParameterCount:N0} parameters); mean baseline {mean.TestMetrics!.MeanFeaturewiseR2:F3}");

model.Save("custom.omitrans");
using var loaded = TranslationModel.Load("custom.omitrans", new ModelLoadOptions { CustomGenerators = [generator] });
var again = loaded.Translate(data.Source);
var first = model.Translate(data.Source);
float largest = 0;
for (int f = 0; f < first.FeatureCount; f++)
{
    for (int s = 0; s < first.SampleCount; s++)
    {
        largest = Math.Max(largest, Math.Abs(first[f, s] - again[f, s]));
    }
}

Console.WriteLine($"Saved and reloaded as '{loaded.GeneratorName}'; largest difference between the two models' predictions: {largest}");
