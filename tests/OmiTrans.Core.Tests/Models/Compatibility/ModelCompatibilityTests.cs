using Xunit.Abstractions;

namespace OmiTrans.Core.Tests.Models.Compatibility;

/// <summary>
/// Every checked-in model file of every format version (tests/OmiTrans.Core.Tests/Models/Compatibility/vN/) still
/// loads and translates its input table to the checked-in expected output. A new format version adds a folder;
/// old folders are never edited (docs/model-format.md).
/// </summary>
public sealed class ModelCompatibilityTests(ITestOutputHelper output) : TempDirectoryTest
{
    /// <summary>
    /// The largest difference allowed, relative to max(1, |expected|): the expected tables were written on one machine,
    /// and TorchSharp's CPU kernels (oneDNN, MKL) pick their summation order by instruction set, which moves the last
    /// bits of a float. One wrongly read parameter moves a value by far more (the damaged targetMin of issue 18 moved
    /// every prediction of a gene by 6.0). On the machine that wrote them the translations are identical.
    /// </summary>
    private const double Tolerance = 1e-5;

    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "OmiTrans.Core.Tests", "Models", "Compatibility");

    public static TheoryData<string, string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var version in Directory.GetDirectories(Folder, "v*").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadAllLines(Path.Combine(version, "cases.tsv")).Skip(1).Where(l => l.Length > 0))
            {
                var fields = line.Split('\t');
                cases.Add(Path.GetFileName(version), fields[0], fields[1], fields[2]);
            }
        }

        return cases;
    }

    [Fact]
    public void Both_format_versions_have_fixtures()
    {
        Cases().Select(c => (string)c[0]).Distinct().Should().Contain(["v1", "v2"]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_checked_in_model_translates_its_input_as_when_it_was_written(string version, string modelFile, string options, string expectedFile)
    {
        var folder = Path.Combine(Folder, version);
        using var model = TranslationModel.Load(Path.Combine(folder, modelFile));
        var input = OmicsFile.Read(Path.Combine(folder, "input.tsv"));
        var expected = OmicsFile.Read(Path.Combine(folder, expectedFile));

        var translated = model.Translate(input, new TranslateOptions { QuantileNormalize = options.Contains("quantile-normalize", StringComparison.Ordinal) });

        model.FormatVersion.Should().Be(int.Parse(version[1..], System.Globalization.CultureInfo.InvariantCulture));
        translated.FeatureIds.Should().Equal(expected.FeatureIds);
        translated.SampleIds.Should().Equal(expected.SampleIds);
        var a = translated.Values.ToArray();
        var e = expected.Values.ToArray();
        double worst = a.Zip(e, (x, y) => Math.Abs(x - y) / Math.Max(1, Math.Abs(y))).Max();
        output.WriteLine($"{version}/{modelFile} {options}: largest relative difference {worst:G3} ({a.Zip(e).Count(p => p.First != p.Second)} of {a.Length} values not bit-identical)");
        worst.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_checked_in_model_saved_again_translates_identically(string version, string modelFile, string options, string expectedFile)
    {
        _ = expectedFile;
        var folder = Path.Combine(Folder, version);
        using var model = TranslationModel.Load(Path.Combine(folder, modelFile));
        var resaved = Dir.File("resaved.omitrans");
        model.Save(resaved);
        using var loaded = TranslationModel.Load(resaved);
        var input = OmicsFile.Read(Path.Combine(folder, "input.tsv"));
        var translateOptions = new TranslateOptions { QuantileNormalize = options.Contains("quantile-normalize", StringComparison.Ordinal) };

        loaded.FormatVersion.Should().Be(2);
        loaded.Translate(input, translateOptions).Values.ToArray().Should().Equal(model.Translate(input, translateOptions).Values.ToArray());
        loaded.DescribeAsJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal).Should().Be(model.DescribeAsJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal));
        loaded.SourceTransform.Should().Be(model.SourceTransform);
        loaded.TargetTransform.Should().Be(model.TargetTransform);
    }
}
