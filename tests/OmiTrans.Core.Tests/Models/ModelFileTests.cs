using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace OmiTrans.Core.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class ModelFileTests : TempDirectoryTest
{
    private static (TranslationModel Model, TranslationData Data) Fit()
    {
        var (source, target) = Matrices.Planted(samples: 120, sourceFeatures: 30, targetFeatures: 10, seed: 3);
        var data = TranslationData.Prepare(source, target, seed: 3);
        var translator = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32, 16, 32] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [16] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 3 })
            .Build();
        return (translator.Fit(data), data);
    }

    [Fact]
    public void A_saved_model_loads_and_translates_identically()
    {
        var (model, data) = Fit();
        using var _ = model;
        var path = Dir.File("model.omitrans");
        model.Save(path);

        using var loaded = TranslationModel.Load(path);

        var probe = data.Get(SplitSet.Test).Source;
        loaded.Translate(probe).Values.ToArray().Should().Equal(model.Translate(probe).Values.ToArray());
        loaded.SourceFeatureIds.Should().Equal(model.SourceFeatureIds);
        loaded.TargetFeatureIds.Should().Equal(model.TargetFeatureIds);
        loaded.TestMetrics.Should().BeEquivalentTo(model.TestMetrics);
        loaded.History!.Epochs.Should().HaveCount(3);
        loaded.Method.Should().Be("omitrans");
        loaded.GeneratorName.Should().Be("fc");
        loaded.TrainingOptions!.Epochs.Should().Be(3);
        loaded.Reports.Should().BeNull();
        JsonNode.Parse(loaded.DescribeAsJson())!["formatVersion"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void A_mean_baseline_model_saves_and_loads_too()
    {
        var (source, target) = Matrices.Planted(samples: 50, sourceFeatures: 5, targetFeatures: 3, seed: 4);
        var data = TranslationData.Prepare(source, target, seed: 4);
        using var mean = new MeanBaseline().Fit(data);
        var path = Dir.File("mean.omitrans");
        mean.Save(path);

        using var loaded = TranslationModel.Load(path);

        var translated = loaded.Translate(data.Get(SplitSet.Test).Source);
        var train = data.Get(SplitSet.Train).Target;
        for (int f = 0; f < train.FeatureCount; f++)
        {
            translated.GetFeatureValues(f).ToArray().Should().OnlyContain(v => Math.Abs(v - train.GetFeatureValues(f).ToArray().Average()) < 1e-4);
        }
    }

    [Fact]
    public void A_truncated_file_is_reported_clearly()
    {
        var (model, _) = Fit();
        using var __ = model;
        var path = Dir.File("model.omitrans");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var act = () => TranslationModel.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"{path}*");
    }

    [Fact]
    public void Tampered_weights_and_newer_versions_are_refused()
    {
        var (model, _) = Fit();
        using var __ = model;
        var path = Dir.File("model.omitrans");
        model.Save(path);

        var tampered = Dir.File("tampered.omitrans");
        File.Copy(path, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("generator.bin")!;
            byte[] weights;
            using (var s = entry.Open())
            using (var copy = new MemoryStream())
            {
                s.CopyTo(copy);
                weights = copy.ToArray();
            }

            weights[^5] ^= 0x40;
            entry.Delete();
            using var w = zip.CreateEntry("generator.bin").Open();
            w.Write(weights);
        }

        var newer = Dir.File("newer.omitrans");
        File.Copy(path, newer);
        RewriteManifest(newer, json => json["formatVersion"] = 99);

        var mismatched = Dir.File("mismatched.omitrans");
        File.Copy(path, mismatched);
        RewriteManifest(mismatched, json => json["generator"]!["settings"]!["hiddenWidths"] = new JsonArray(8, 8));

        FluentActions.Invoking(() => TranslationModel.Load(tampered)).Should().Throw<InvalidDataException>().WithMessage("*do not match the checksum*");
        FluentActions.Invoking(() => TranslationModel.Load(newer)).Should().Throw<InvalidDataException>().WithMessage("*format version 99*reads versions 1 to 1*");
        FluentActions.Invoking(() => TranslationModel.Load(mismatched)).Should().Throw<InvalidDataException>().WithMessage("*weights do not fit the 'fc' network*");
        FluentActions.Invoking(() => TranslationModel.Load(Dir.Write("text.omitrans", "hello"))).Should().Throw<InvalidDataException>().WithMessage("*is not a model file*");
    }

    [Fact]
    public void Translating_new_data_matches_features_by_id_and_refuses_low_coverage()
    {
        var (model, data) = Fit();
        using var _ = model;
        var test = data.Get(SplitSet.Test).Source;
        var shuffledOrder = Enumerable.Range(0, test.FeatureCount).Reverse().ToArray();
        var reordered = test.SelectFeatures(shuffledOrder);

        model.Translate(reordered).Values.ToArray().Should().Equal(model.Translate(test).Values.ToArray());

        var fewer = test.SelectFeatures(Enumerable.Range(0, test.FeatureCount / 2).ToArray());
        var act = () => model.Translate(fewer);
        act.Should().Throw<OmicsSchemaException>().WithMessage($"*provides 15 of the model's 30 source features (50%), below the required 80%; 15 are missing: cg16, cg17, cg18, cg19, cg20, ...*");
        model.Translate(fewer, new TranslateOptions { MinimumCoverage = 0.5 }).SampleCount.Should().Be(test.SampleCount);
    }

    private static void RewriteManifest(string path, Action<JsonNode> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        JsonNode json;
        using (var reader = new StreamReader(entry.Open()))
        {
            json = JsonNode.Parse(reader.ReadToEnd())!;
        }

        change(json);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open(), Encoding.UTF8);
        writer.Write(json.ToJsonString());
    }
}
