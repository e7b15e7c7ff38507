using Xunit.Abstractions;

namespace OmiTrans.Core.Tests.Models;

/// <summary>
/// One flipped bit anywhere in a model file is refused, with the file and the damaged part named, or does not change
/// the translation (zip fields the loader does not use, such as timestamps). Issue 18: one flipped bit in the
/// compressed manifest moved a gene's targetMin from 8.945 to 2.945 and the model loaded fine.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class ModelFileDamageTests(ITestOutputHelper output) : TempDirectoryTest
{
    private static readonly string[] Parts = ["manifest.json", "arrays.bin", "generator.bin", "checksums.sha256", "zip"];

    [Fact]
    public void A_flipped_bit_at_any_byte_is_refused_or_changes_nothing()
    {
        var (source, target) = Matrices.Planted(samples: 40, sourceFeatures: 6, targetFeatures: 3, seed: 5);
        var data = TranslationData.Prepare(source, target, seed: 5);
        using var model = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [4] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [4] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 1 })
            .Build()
            .Fit(data);
        var probe = data.Get(SplitSet.Test).Source;
        var expected = model.Translate(probe).Values.ToArray();
        var original = Dir.File("model.omitrans");
        model.Save(original);
        var bytes = File.ReadAllBytes(original);
        var damaged = Dir.File("damaged.omitrans");

        int refused = 0;
        var unchanged = new List<int>();
        var wrong = new List<string>();
        for (int i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= (byte)(1 << (i % 8));
            File.WriteAllBytes(damaged, copy);
            try
            {
                using var loaded = TranslationModel.Load(damaged);
                if (loaded.Translate(probe).Values.ToArray().SequenceEqual(expected))
                {
                    unchanged.Add(i);
                }
                else
                {
                    wrong.Add($"byte {i}: loaded and translated differently");
                }
            }
            catch (InvalidDataException ex) when (ex.Message.StartsWith(damaged, StringComparison.Ordinal) && Parts.Any(p => ex.Message.Contains(p, StringComparison.Ordinal)))
            {
                refused++;
            }
            catch (Exception ex)
            {
                wrong.Add($"byte {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        output.WriteLine($"{bytes.Length} bytes: {refused} flips refused, {unchanged.Count} changed nothing (e.g. bytes {string.Join(", ", unchanged.Take(20))})");
        wrong.Should().BeEmpty();
        refused.Should().BeGreaterThan(bytes.Length * 8 / 10, "every byte of every entry's content is covered by a checksum");
    }
}
