
namespace OmiTrans.Core.Tests.Training;

public sealed class TranslatorBuilderTests
{
    [Fact]
    public void Build_reports_every_problem_at_once()
    {
        var builder = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [64, 0], DropoutProbability = 1.5 })
            .WithTraining(o => o with { Epochs = 0, BatchSize = -1, GeneratorLearningRate = double.NaN })
            .WithPreprocessing(new PreprocessingOptions { MaxMissingFraction = 2 });

        var act = () => builder.Build();

        var ex = act.Should().Throw<OptionsValidationException>().Which;
        ex.Errors.Should().Equal(
            "FullyConnectedGenerator.HiddenWidths[1] must be at least 1, got 0.",
            "FullyConnectedGenerator.DropoutProbability must be in [0, 1), got 1.5.",
            "MaxMissingFraction must be in [0, 1), got 2.",
            "Epochs must be at least 1, got 0.",
            "BatchSize must be at least 1, got -1.",
            "GeneratorLearningRate must be positive, got NaN.");
        ex.Message.Should().StartWith("The 'TranslatorBuilder' settings are invalid." + Environment.NewLine + "Validation Errors:" + Environment.NewLine + "- FullyConnectedGenerator.HiddenWidths[1]");
    }

    [Fact]
    public void Cross_field_rules_are_checked()
    {
        var act = () => new TranslatorBuilder().WithoutDiscriminator().WithTraining(o => o with { DistanceLossWeight = 0, EarlyStoppingPatience = 3, SelectionMetric = SelectionMetric.LastEpoch }).Build();

        act.Should().Throw<OptionsValidationException>().Which.Errors.Should().Equal(
            "EarlyStoppingPatience needs a SelectionMetric other than LastEpoch.",
            "Without a discriminator the distance loss is the only objective; DistanceLossWeight must not be 0.");
    }

    [Fact]
    public void A_builder_builds_once_and_the_translator_keeps_a_snapshot()
    {
        var builder = new TranslatorBuilder().WithTraining(o => o with { Epochs = 7 });
        var translator = builder.Build();

        var again = () => builder.Build();
        var change = () => builder.WithTraining(o => o with { Epochs = 8 });

        again.Should().Throw<InvalidOperationException>().WithMessage("*already built*");
        change.Should().Throw<InvalidOperationException>();
        translator.Settings.Training.Epochs.Should().Be(7);
        translator.Name.Should().Be("omitrans");
    }

    [Fact]
    public void The_paper_preset_holds_table_2()
    {
        var paper = TranslatorPresets.Paper;

        ((FullyConnectedGenerator)paper.Generator).HiddenWidths.Should().Equal(4096, 1024, 512, 256, 512, 1024, 4096);
        ((FullyConnectedGenerator)paper.Generator).DropoutProbability.Should().Be(0.2);
        paper.Training.Should().Match<TrainingOptions>(t => t.Epochs == 800 && t.DecayEpochs == 100 && t.BatchSize == 128
            && t.GeneratorLearningRate == 1e-4 && t.DiscriminatorLearningRate == 1e-4 && t.DistanceLossWeight == 100 && t.Beta1 == 0.5);
        paper.DistanceLoss.Should().BeSameAs(DistanceLosses.L1);
    }
}
