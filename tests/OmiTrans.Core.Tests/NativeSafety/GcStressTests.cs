using OmiTrans.Core.Tests.Training;

namespace OmiTrans.Core.Tests.NativeSafety;

/// <summary>
/// Every generator with every discriminator (and the WGAN-GP objective) trained while the garbage collector runs
/// continuously: no native crash, and the same model, bit for bit, as the same fit without the collector storm. Before
/// the fix (implicit Scalars freed by their finalizers while libtorch used them) this crashed the test host or changed
/// results; docs/native-safety.md. The soak version is tests/soak/gc-soak.sh.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class GcStressTests
{
    public static TheoryData<string, string, GanObjective> Pairs()
    {
        var data = new TheoryData<string, string, GanObjective>();
        foreach (var g in new[] { "fc", "unet", "fc-chromosome", "ved" })
        {
            foreach (var d in new[] { "fc", "cnn", "fc-chromosome" })
            {
                data.Add(g, d, GanObjective.Vanilla);
            }
        }

        data.Add("fc", "fc", GanObjective.WassersteinGradientPenalty);
        data.Add("unet", "cnn", GanObjective.WassersteinGradientPenalty);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Training_under_continuous_collection_matches_an_unstressed_fit(string generator, string discriminator, GanObjective objective)
    {
        var (source, target, sourceLocations, targetLocations) = Matrices.PlantedLocal(48, 24, 16, seed: 3);
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = targetLocations });
        var data = TranslationData.Prepare(source, target, aligner, seed: 3);
        var translator = new TranslatorBuilder()
            .WithGenerator(NetworkMatrixTests.SmallGenerator(generator))
            .WithDiscriminator(NetworkMatrixTests.SmallDiscriminator(discriminator))
            .WithoutFallback()
            .WithTraining(o => o with
            {
                Epochs = 4,
                BatchSize = 8,
                Seed = 11,
                GanObjective = objective,
                DiscriminatorSteps = objective == GanObjective.WassersteinGradientPenalty ? 2 : 1,
            })
            .Build();
        var probe = data.Get(SplitSet.Test).Source;

        float[] expected;
        using (var plain = translator.Fit(data))
        {
            expected = Flatten(plain.Translate(probe));
        }

        float[] stressed;
        long collections;
        using (var storm = new CollectorStorm())
        {
            using var model = translator.Fit(data);
            stressed = Flatten(model.Translate(probe));
            collections = storm.Collections;
        }

        collections.Should().BeGreaterThan(2, "the storm must actually have collected during the fit");
        stressed.Should().Equal(expected, "a fit under continuous collection is the same fit");
    }

    private static float[] Flatten(OmicsMatrix matrix)
    {
        var values = new float[matrix.FeatureCount * matrix.SampleCount];
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            for (int s = 0; s < matrix.SampleCount; s++)
            {
                values[(f * matrix.SampleCount) + s] = matrix[f, s];
            }
        }

        return values;
    }
}
