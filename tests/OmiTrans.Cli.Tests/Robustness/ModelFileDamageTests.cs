using System.IO.Compression;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Model files that are not what they claim: from a different tool, damaged, truncated, from a newer version, or
/// another file of the run. translate and inspect refuse each with exit code 2 and one line naming the file.
/// </summary>
public sealed class ModelFileDamageTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Theory]
    [InlineData("zip-without-manifest", "is not a model file", "no 'manifest.json' entry")]
    [InlineData("text", "is not a model file")]
    [InlineData("empty", "is not a model file")]
    [InlineData("truncated", "is not a model file", "truncated")]
    [InlineData("newer-format", "model format version 99")]
    [InlineData("other-format", "is not an OmiTrans model file", "format 'scikit-learn-pickle'")]
    [InlineData("tampered-weights", "is damaged or was modified", "'generator.bin'", "SHA-256")]
    [InlineData("manifest-missing-field", "manifest.json", "preprocessing")]
    [InlineData("manifest-not-json", "manifest.json")]
    [InlineData("tsv", "is not a model file")]
    public void A_file_that_is_not_a_usable_model_is_refused_by_translate_and_inspect(string variant, params string[] fragments)
    {
        var model = Dir.File(variant + ".omitrans");
        Make(variant, model);

        Tool.Run("translate", "--model", model, "--source", cohort.Source, "--out", Dir.File("out.tsv")).ShouldFail(2, [model, .. fragments]);
        Tool.Run("inspect", "--model", model).ShouldFail(2, [model, .. fragments]);
        File.Exists(Dir.File("out.tsv")).Should().BeFalse();
    }

    [Fact]
    public void A_folder_given_as_the_model_is_named_as_a_folder()
    {
        Tool.Run("translate", "--model", Dir.Path, "--source", cohort.Source, "--out", Dir.File("out.tsv")).ShouldFail(2, "--model", Dir.Path, "is a directory");
    }

    [Fact]
    public void A_training_checkpoint_given_as_the_model_is_refused()
    {
        var run = Dir.File("run");
        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "1", "--widths", "8", "--threads", "1", "--checkpoint-every", "1", "--out", run).ShouldSucceed();
        var checkpoint = Path.Combine(run, "checkpoint.omitrans-checkpoint");

        Tool.Run("translate", "--model", checkpoint, "--source", cohort.Source, "--out", Dir.File("out.tsv")).ShouldFail(2, checkpoint, "is not a model file");
    }

    private void Make(string variant, string path)
    {
        using var original = ZipFile.OpenRead(cohort.Model);
        var manifest = JsonNode.Parse(Read(original, "manifest.json"))!.AsObject();
        var weights = ReadBytes(original, "generator.bin");
        switch (variant)
        {
            case "zip-without-manifest":
                WriteZip(path, ("model.pkl", "not an omitrans model"u8.ToArray()));
                break;
            case "text":
                File.WriteAllText(path, "this is a model, trust me\n");
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "truncated":
                File.WriteAllBytes(path, File.ReadAllBytes(cohort.Model)[..5000]);
                break;
            case "newer-format":
                manifest["formatVersion"] = 99;
                WriteZip(path, ("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString())), ("generator.bin", weights));
                break;
            case "other-format":
                manifest["format"] = "scikit-learn-pickle";
                WriteZip(path, ("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString())), ("generator.bin", weights));
                break;
            case "tampered-weights":
                // One flipped bit in the weights, the checksum list left as written.
                WriteZip(path, [.. ZipSurgery.ReadEntries(cohort.Model).Select(e => (e.Name, e.Name == "generator.bin" ? Flip(e.Content) : e.Content))]);
                break;
            case "manifest-missing-field":
                // A deliberate edit with checksums that match it: the manifest's own checks must catch it.
                File.Copy(cohort.Model, path);
                ZipSurgery.Rewrite(path, (name, content) => name == "manifest.json" ? WithoutPreprocessing(content) : content);
                break;
            case "manifest-not-json":
                WriteZip(path, ("manifest.json", "{not json"u8.ToArray()), ("generator.bin", weights));
                break;
            case "tsv":
                File.Copy(cohort.Source, path);
                break;
        }
    }

    private static byte[] Flip(byte[] content)
    {
        var copy = content.ToArray();
        copy[copy.Length / 2] ^= 0x40;
        return copy;
    }

    private static byte[] WithoutPreprocessing(byte[] manifest)
    {
        var node = JsonNode.Parse(manifest)!.AsObject();
        node.Remove("preprocessing");
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void WriteZip(string path, params (string Name, byte[] Content)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(content);
        }
    }
}
