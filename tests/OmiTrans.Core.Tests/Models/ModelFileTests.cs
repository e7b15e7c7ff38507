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
        JsonNode.Parse(loaded.DescribeAsJson())!["formatVersion"]!.GetValue<int>().Should().Be(2);
        ZipSurgery.ReadEntries(path).Select(e => e.Name).Should().Equal("manifest.json", "arrays.bin", "generator.bin", "checksums.sha256");
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

        // A manifest edited with its checksums recomputed: the checksums pass, the weights do not fit the network.
        var mismatched = Dir.File("mismatched.omitrans");
        File.Copy(path, mismatched);
        ZipSurgery.Rewrite(mismatched, (name, content) => name == "manifest.json" ? Edit(content, json => json["generator"]!["settings"]!["hiddenWidths"] = new JsonArray(8, 8)) : content);

        FluentActions.Invoking(() => TranslationModel.Load(tampered)).Should().Throw<InvalidDataException>().WithMessage($"{tampered}*'generator.bin' entry does not match its SHA-256*");
        FluentActions.Invoking(() => TranslationModel.Load(newer)).Should().Throw<InvalidDataException>().WithMessage($"{newer} has model format version 99*reads versions 1 to 2*manifest.json*");
        FluentActions.Invoking(() => TranslationModel.Load(mismatched)).Should().Throw<InvalidDataException>().WithMessage("*weights*do not fit the 'fc' network*");
        FluentActions.Invoking(() => TranslationModel.Load(Dir.Write("text.omitrans", "hello"))).Should().Throw<InvalidDataException>().WithMessage("*is not a model file*");
    }

    [Fact]
    public void Entries_larger_than_their_limit_are_refused_before_anything_is_allocated()
    {
        var (model, _) = Fit();
        using var __ = model;
        var path = Dir.File("model.omitrans");
        model.Save(path);

        // The zip directory says generator.bin inflates to 3 GB (the old loader: "Arithmetic operation resulted in an overflow.").
        var inflated = Dir.File("inflated.omitrans");
        File.Copy(path, inflated);
        ZipSurgery.SetDeclaredSize(inflated, "generator.bin", 3u << 30);

        // The checksum list itself declares a manifest of 100 MB.
        var large = Dir.File("large.omitrans");
        File.Copy(path, large);
        ZipSurgery.Rewrite(large, (_, content) => content, (name, bytes) => name == "manifest.json" ? 100L << 20 : bytes);

        FluentActions.Invoking(() => TranslationModel.Load(inflated)).Should().Throw<InvalidDataException>()
            .WithMessage($"{inflated} is damaged: the 'generator.bin' entry declares 3221225472 bytes in the zip directory*");
        FluentActions.Invoking(() => TranslationModel.Load(large)).Should().Throw<InvalidDataException>()
            .WithMessage($"{large}: the 'manifest.json' entry declares 104857600 bytes, more than the 67108864 allowed.");
    }

    [Fact]
    public void A_version_1_file_whose_weights_inflate_to_3_GB_is_refused_with_the_file_entry_size_and_limit()
    {
        var path = Dir.File("v1.omitrans");
        File.Copy(Path.Combine(Compatibility.ModelCompatibilityTests.Folder, "v1", "fc.omitrans"), path);
        ZipSurgery.SetDeclaredSize(path, "generator.bin", 3u << 30);

        FluentActions.Invoking(() => TranslationModel.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: the 'generator.bin' entry declares 3221225472 bytes, more than the {Array.MaxLength} allowed.");
    }

    [Fact]
    public void Arrays_that_disagree_with_the_manifest_are_refused_even_with_matching_checksums()
    {
        var (model, _) = Fit();
        using var __ = model;
        var path = Dir.File("model.omitrans");
        model.Save(path);
        ZipSurgery.Rewrite(path, (name, content) => name == "manifest.json" ? Edit(content, json => json["preprocessing"]!["targetFeatureCount"] = 11) : content);

        FluentActions.Invoking(() => TranslationModel.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: the manifest declares 30 source and 11 target features*; 'arrays.bin' holds 30 and 10*");
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

    private static byte[] Edit(byte[] json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
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
