using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

/// <summary>
/// The default translator's cross-validated selection on small cohorts (<see cref="TranslatorSettings.CrossValidation"/>):
/// it beats ridge and the mean on planted non-linear data, reports what it kept with the out-of-fold figures, round-trips
/// through the model file, never uses the test samples, and leaves large cohorts on the validation split.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class CrossValidatedSelectionTests : TempDirectoryTest
{
    private static readonly (OmicsMatrix Source, OmicsMatrix Target) Data = Folded(160, 10, 8, seed: 5);

    private static TranslationData Prepare(OmicsMatrix target) => TranslationData.Prepare(Data.Source, target, new DatasetAligner(), seed: 5);

    private static Translator Default(int epochs = 40) => new TranslatorBuilder()
        .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [128, 128] })
        .WithTraining(o => o with { Epochs = epochs, Seed = 5 })
        .Build();

    [Fact]
    public void On_planted_non_linear_data_the_default_beats_ridge_and_the_mean_reports_its_choices_and_round_trips()
    {
        var prepared = Prepare(Data.Target);
        using var model = Default().Fit(prepared);
        using var ridge = new RidgeBaseline().Fit(prepared);
        using var mean = new MeanBaseline().Fit(prepared);

        var m = model.TestMetrics!;
        m.MeanFeaturewiseR2.Should().BeGreaterThan(ridge.TestMetrics!.MeanFeaturewiseR2 + 0.1, "half of each target's variance is |x| of a source, which a network captures and a linear map does not");
        m.Mse.Should().BeLessThan(ridge.TestMetrics.Mse * 0.9);
        m.MeanFeaturewiseR2.Should().BeGreaterThan(mean.TestMetrics!.MeanFeaturewiseR2 + 0.5);

        // What was kept and why, with the out-of-fold figures.
        model.GeneratorName.Should().Be(BlendGenerator.GeneratorName);
        var selection = model.Selection!;
        selection.Network.Should().Be(FullyConnectedGenerator.GeneratorName);
        selection.FallbackKept.Should().BeFalse();
        var cv = selection.CrossValidation!;
        cv.Folds.Should().Be(5);
        cv.Samples.Should().Be(prepared.Count(SplitSet.Train) + prepared.Count(SplitSet.Validation), "training and validation samples are pooled; the test samples are not");
        cv.CandidateEpochs.Should().Equal(10, 20, 30, 40);
        cv.CandidateEpochR2.Should().HaveCount(4);
        cv.NetworkEpoch.Should().BeOneOf(cv.CandidateEpochs);
        model.History!.Epochs.Should().HaveCount(cv.NetworkEpoch, "the final network is trained to the cross-validated epoch");
        cv.NetworkR2.Should().Be(cv.CandidateEpochR2[cv.CandidateEpochs.ToList().IndexOf(cv.NetworkEpoch)]);

        // By construction: every target may take the network alone (weight 1) or ridge alone (weight 0), and ridge per
        // target may take the shared penalty or the mean, so the kept combination is at least as good out of fold.
        cv.StackR2.Should().BeGreaterThanOrEqualTo(cv.NetworkR2 - 1e-12).And.BeGreaterThanOrEqualTo(cv.PerFeatureRidgeR2 - 1e-12);
        cv.PerFeatureRidgeR2.Should().BeGreaterThanOrEqualTo(cv.RidgeR2 - 1e-12).And.BeGreaterThanOrEqualTo(cv.MeanR2 - 1e-12);
        cv.StackR2.Should().BeGreaterThan(cv.RidgeR2 + 0.05);
        cv.FeaturesUsingNetwork.Should().BeInRange(1, 8);
        cv.TargetFeatures.Should().Be(8);
        cv.NetworkWeight.Should().Be(1, "the network alone validates best out of fold on this data");
        selection.Reason.Should().StartWith($"kept the trained fc network (epoch {cv.NetworkEpoch}), which no blend with ridge").And.Contain("5-fold cross-validation on 144 samples");
        model.FitDetails!["cvR2Kept"].Should().Be(cv.StackR2);

        var path = Dir.File("blend.omitrans");
        model.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.GeneratorName.Should().Be(BlendGenerator.GeneratorName);
        loaded.Translate(Data.Source).Values.ToArray().Should().Equal(model.Translate(Data.Source).Values.ToArray());
        loaded.Selection!.CrossValidation.Should().BeEquivalentTo(cv);
        loaded.Selection.Reason.Should().Be(selection.Reason);
    }

    [Fact]
    public void The_test_samples_play_no_part_in_the_fit()
    {
        // The same data with every test sample's target replaced by garbage: the fitted model must be identical.
        var prepared = Prepare(Data.Target);
        var test = prepared.Split.Test.ToHashSet(StringComparer.Ordinal);
        var values = Data.Target.Values.ToArray();
        for (int f = 0; f < Data.Target.FeatureCount; f++)
        {
            for (int s = 0; s < Data.Target.SampleCount; s++)
            {
                if (test.Contains(Data.Target.SampleIds[s]))
                {
                    values[(f * Data.Target.SampleCount) + s] = 1e4f * (f + 1);
                }
            }
        }

        var garbage = OmicsMatrix.FromFeatureRows(Data.Target.FeatureIds, Data.Target.SampleIds, values);
        var poisoned = Prepare(garbage);
        poisoned.Split.Test.Should().Equal(prepared.Split.Test);

        using var clean = Default(epochs: 8).Fit(prepared);
        using var dirty = Default(epochs: 8).Fit(poisoned);
        dirty.Translate(Data.Source).Values.ToArray().Should().Equal(clean.Translate(Data.Source).Values.ToArray());
        dirty.Selection!.CrossValidation.Should().BeEquivalentTo(clean.Selection!.CrossValidation);
        dirty.TestMetrics!.Mse.Should().BeGreaterThan(1e6, "the garbage is only seen by the test evaluation");

        using var ridgeClean = new RidgeCvBaseline().Fit(prepared);
        using var ridgeDirty = new RidgeCvBaseline().Fit(poisoned);
        ridgeDirty.Translate(Data.Source).Values.ToArray().Should().Equal(ridgeClean.Translate(Data.Source).Values.ToArray());
    }

    [Fact]
    public void When_the_network_adds_nothing_out_of_fold_the_model_is_exactly_cross_validated_ridge()
    {
        // Targets unrelated to the source: the network (trained on noise) gets weight 0 and the model is the ridge map
        // with the cross-validated penalty, the same map as the ridge-cv-shared baseline (same folds, same seed).
        var unrelated = Folded(160, 10, 8, seed: 99).Target;
        var prepared = Prepare(unrelated);
        using var model = Default(epochs: 8).Fit(prepared);
        using var ridge = new RidgeCvBaseline(new RidgeCvOptions { PerTarget = false, Seed = 5 }).Fit(prepared);

        var cv = model.Selection!.CrossValidation!;
        cv.FeaturesUsingNetwork.Should().Be(0);
        cv.NetworkWeight.Should().Be(0);
        cv.StackR2.Should().Be(cv.RidgeR2);
        cv.NetworkR2.Should().BeLessThan(cv.RidgeR2);
        model.Selection.FallbackKept.Should().BeTrue();
        model.Selection.Reason.Should().StartWith("kept ridge with one penalty").And.Contain("added nothing out of fold");
        model.GeneratorName.Should().Be(LinearMapGenerator.GeneratorName);
        model.History.Should().BeNull("no final network was trained");
        ridge.FitDetails!["relativePenalty"].Should().Be(cv.RidgeRelativePenalty);
        model.Translate(Data.Source).Values.ToArray().Should().Equal(ridge.Translate(Data.Source).Values.ToArray());
    }

    [Fact]
    public void Above_the_sample_limit_and_without_cross_validation_the_validation_split_decides()
    {
        var prepared = Prepare(Data.Target);
        using var large = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithTraining(o => o with { Epochs = 3, Seed = 5 })
            .WithCrossValidation(new CrossValidationOptions { MaxSamples = 100 })
            .Build().Fit(prepared);
        using var holdout = new TranslatorBuilder().WithSettings(TranslatorPresets.ValidationSplit with { Generator = new FullyConnectedGenerator { HiddenWidths = [32] } })
            .WithTraining(o => o with { Epochs = 3, Seed = 5 })
            .Build().Fit(prepared);

        foreach (var model in new[] { large, holdout })
        {
            model.Selection!.CrossValidation.Should().BeNull();
            model.GeneratorName.Should().BeOneOf(FullyConnectedGenerator.GeneratorName, LinearMapGenerator.GeneratorName);
            double.IsFinite(model.Selection.FallbackValidation).Should().BeTrue();
        }

        large.Translate(Data.Source).Values.ToArray().Should().Equal(holdout.Translate(Data.Source).Values.ToArray());
        new TranslatorBuilder().WithCrossValidation(new CrossValidationOptions { Folds = 1, BlendWeights = [1.5] })
            .Invoking(b => b.Build()).Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("Folds").And.Contain("BlendWeights");
    }

    [Fact]
    public void Ridge_cross_validation_matches_a_float64_reference()
    {
        // 10 samples, 3 sources, 2 targets, 2 folds, one relative penalty: every out-of-fold prediction against ridge
        // solved by hand (normal equations in float64 on each fold's centred training rows).
        var random = new Random(11);
        double[,] x = new double[10, 3];
        double[,] y = new double[10, 2];
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextDouble();
            }

            y[i, 0] = (2 * x[i, 0]) - x[i, 2] + (0.1 * random.NextDouble());
            y[i, 1] = random.NextDouble();
        }

        int[] folds = RidgeCrossValidation.Folds(10, 2, seed: 3);
        folds.Should().HaveCount(10).And.OnlyContain(f => f == 0 || f == 1);
        folds.Count(f => f == 0).Should().Be(5);
        using var source = tensor(Flatten(x), [10, 3], ScalarType.Float64).to(ScalarType.Float32);
        using var target = tensor(Flatten(y), [10, 2], ScalarType.Float64).to(ScalarType.Float32);
        using var cv = RidgeCrossValidation.Run(source, target, folds, [0.5], includeMean: false, perFeature: false, CancellationToken.None);

        var expected = new double[10, 2];
        for (int fold = 0; fold < 2; fold++)
        {
            var (train, held) = RidgeCrossValidation.Rows(folds, fold);
            var (w, xMean, yMean) = ReferenceRidge(x, y, train, relativePenalty: 0.5);
            foreach (int i in held)
            {
                for (int t = 0; t < 2; t++)
                {
                    expected[i, t] = yMean[t] + Enumerable.Range(0, 3).Sum(j => ((double)(float)x[i, j] - xMean[j]) * w[j, t]);
                }
            }
        }

        var actual = cv.OutOfFold.data<double>().ToArray();
        for (int i = 0; i < 10; i++)
        {
            for (int t = 0; t < 2; t++)
            {
                actual[(i * 2) + t].Should().BeApproximately(expected[i, t], 1e-5);
            }
        }

        // The reported figure is 1 - mean over targets of SSE / SST about the mean of all samples.
        double r2 = Enumerable.Range(0, 2).Average(t =>
        {
            double mean = Enumerable.Range(0, 10).Average(i => (double)(float)y[i, t]);
            double sse = Enumerable.Range(0, 10).Sum(i => Math.Pow(expected[i, t] - (float)y[i, t], 2));
            double sst = Enumerable.Range(0, 10).Sum(i => Math.Pow((float)y[i, t] - mean, 2));
            return 1 - (sse / sst);
        });
        cv.SharedR2.Should().BeApproximately(r2, 1e-5);
        cv.PerFeatureRelativePenalties.Should().Equal(0.5, 0.5);
    }

    [Fact]
    public void Per_target_choice_sends_an_unpredictable_target_to_its_mean()
    {
        // 20 sources, 60 samples, a penalty grid of one almost-zero penalty: target 0 is an exact linear function of two
        // sources (least squares is perfect out of fold), target 1 is noise unrelated to the source (least squares on
        // 20 sources from 48 samples predicts it far worse than its training mean).
        var random = new Random(4);
        int n = 60;
        int p = 20;
        var x = new float[n * p];
        var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[(i * p) + j] = (float)random.NextDouble();
            }

            y[i * 2] = x[i * p] + (2 * x[(i * p) + 1]);
            y[(i * 2) + 1] = (float)random.NextDouble();
        }

        using var source = tensor(x, [n, p]);
        using var target = tensor(y, [n, 2]);
        int[] folds = RidgeCrossValidation.Folds(n, 5, seed: 1);
        using var cv = RidgeCrossValidation.Run(source, target, folds, [1e-6], includeMean: true, perFeature: true, CancellationToken.None);
        cv.PerFeatureRelativePenalties.Should().Equal(1e-6, double.PositiveInfinity);
        cv.FeaturesAtMean.Should().Be(1);
        cv.PerFeatureR2.Should().Be(cv.KeptR2).And.BeGreaterThan(cv.SharedR2);

        // The out-of-fold prediction of the mean target is each fold's training mean.
        var outOfFold = cv.OutOfFold.data<double>().ToArray();
        for (int fold = 0; fold < 5; fold++)
        {
            var (train, held) = RidgeCrossValidation.Rows(folds, fold);
            double mean = train.Average(i => (double)y[(i * 2) + 1]);
            foreach (int i in held)
            {
                outOfFold[(i * 2) + 1].Should().BeApproximately(mean, 1e-9);
                outOfFold[i * 2].Should().BeApproximately(y[i * 2], 1e-3);
            }
        }

        using var shared = RidgeCrossValidation.Run(source, target, folds, [1e-6], includeMean: true, perFeature: false, CancellationToken.None);
        shared.PerFeatureRelativePenalties.Should().Equal(1e-6, 1e-6);
        shared.KeptR2.Should().Be(shared.SharedR2);
    }

    /// <summary>
    /// Sources uniform in [−1, 1]; each target is one source plus 2·|another source| plus a little noise: half of its
    /// variance is out of any linear map's reach.
    /// </summary>
    private static (OmicsMatrix Source, OmicsMatrix Target) Folded(int samples, int sources, int targets, int seed)
    {
        var random = new Random(seed);
        var ids = Matrices.Ids("S", samples);
        var x = new float[sources * samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((2 * random.NextDouble()) - 1);
        }

        var y = new float[targets * samples];
        for (int g = 0; g < targets; g++)
        {
            int a = random.Next(sources);
            int b = random.Next(sources);
            for (int s = 0; s < samples; s++)
            {
                y[(g * samples) + s] = (float)(x[(a * samples) + s] + (2 * Math.Abs(x[(b * samples) + s])) + (0.05 * random.NextDouble()));
            }
        }

        return (OmicsMatrix.FromFeatureRows(Matrices.Ids("cg", sources), ids, x), OmicsMatrix.FromFeatureRows(Matrices.Ids("gene", targets), ids, y));
    }

    private static double[] Flatten(double[,] m) => Enumerable.Range(0, m.GetLength(0)).SelectMany(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])).ToArray();

    /// <summary>Ridge on centred rows: W = (XcᵀXc + λI)⁻¹ XcᵀYc with λ = relative × the mean eigenvalue of the smaller Gram matrix (its trace / size).</summary>
    private static (double[,] W, double[] XMean, double[] YMean) ReferenceRidge(double[,] x, double[,] y, int[] rows, double relativePenalty)
    {
        int p = x.GetLength(1);
        int q = y.GetLength(1);
        double[] xMean = Enumerable.Range(0, p).Select(j => rows.Average(i => (double)(float)x[i, j])).ToArray();
        double[] yMean = Enumerable.Range(0, q).Select(t => rows.Average(i => (double)(float)y[i, t])).ToArray();
        double Xc(int i, int j) => (float)x[i, j] - xMean[j];
        double Yc(int i, int t) => (float)y[i, t] - yMean[t];
        var g = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                g[a, b] = rows.Sum(i => Xc(i, a) * Xc(i, b));
            }
        }

        // The trace is the same for XcᵀXc and XcXcᵀ; the mean eigenvalue divides it by the smaller matrix's size.
        double trace = Enumerable.Range(0, p).Sum(a => g[a, a]);
        double lambda = relativePenalty * trace / Math.Min(rows.Length, p);
        var a2 = new double[p, p + q];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                a2[a, b] = g[a, b] + (a == b ? lambda : 0);
            }

            for (int t = 0; t < q; t++)
            {
                a2[a, p + t] = rows.Sum(i => Xc(i, a) * Yc(i, t));
            }
        }

        // Gauss-Jordan elimination (the matrix is symmetric positive definite).
        for (int c = 0; c < p; c++)
        {
            double pivot = a2[c, c];
            for (int k = 0; k < p + q; k++)
            {
                a2[c, k] /= pivot;
            }

            for (int r = 0; r < p; r++)
            {
                if (r != c)
                {
                    double factor = a2[r, c];
                    for (int k = 0; k < p + q; k++)
                    {
                        a2[r, k] -= factor * a2[c, k];
                    }
                }
            }
        }

        var w = new double[p, q];
        for (int a = 0; a < p; a++)
        {
            for (int t = 0; t < q; t++)
            {
                w[a, t] = a2[a, p + t];
            }
        }

        return (w, xMean, yMean);
    }
}
