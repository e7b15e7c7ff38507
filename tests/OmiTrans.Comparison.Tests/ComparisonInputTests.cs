
namespace OmiTrans.Comparison.Tests;

/// <summary>MethodComparison checks every input before the first method is fitted.</summary>
public sealed class ComparisonInputTests
{
    /// <summary>A method that records whether it was asked to fit.</summary>
    private sealed class Spy : ITranslationMethod
    {
        public string Name => "spy";

        public int Fits { get; private set; }

        public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        {
            Fits++;
            throw new InvalidOperationException("the spy was fitted");
        }
    }

    private static TranslationData Data()
    {
        var (source, target) = Matrices.Planted(samples: 40, sourceFeatures: 6, targetFeatures: 3, seed: 2);
        return new TranslatorBuilder().Build().PrepareData(source, target);
    }

    [Theory]
    [InlineData("none", "match none of the 40 samples")]
    [InlineData("one-class", "at least two classes", "of 1 class(es) (a)")]
    [InlineData("train-only", "None of the", "test samples has a label of a class seen in training")]
    public void Unusable_labels_are_refused_before_any_method_is_fitted(string variant, params string[] fragments)
    {
        var data = Data();
        var labels = variant switch
        {
            "none" => new Dictionary<string, string> { ["nobody"] = "a", ["nobody-else"] = "b" },
            "one-class" => data.Source.SampleIds.ToDictionary(id => id, _ => "a"),
            _ => data.Split.Train.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i % 2 == 0 ? "a" : "b"),
        };
        var spy = new Spy();

        var act = () => MethodComparison.Run(data, [spy], new ComparisonOptions { Labels = labels });

        var thrown = act.Should().Throw<OmicsSchemaException>();
        foreach (var fragment in fragments)
        {
            thrown.WithMessage($"*{fragment}*");
        }

        spy.Fits.Should().Be(0);
    }

    [Fact]
    public void An_empty_method_list_is_refused()
    {
        var act = () => MethodComparison.Run(Data(), []);

        act.Should().Throw<OmicsSchemaException>().WithMessage("*at least one method*");
    }
}
