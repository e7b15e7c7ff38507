using System.Diagnostics;
using TorchSharp;

namespace OmiTrans.Core.Tests.Robustness;

[Collection(TrainingCollection.Name)]
public sealed class ConcurrencyAndLeakTests
{
    private static (TranslationModel Model, OmicsMatrix Source) Fit()
    {
        var (source, target) = Matrices.Planted(samples: 120, sourceFeatures: 30, targetFeatures: 10, seed: 12);
        var model = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [16] })
            .WithTraining(o => o with { Epochs = 2, Seed = 12 })
            .Build()
            .Fit(source, target);
        return (model, source);
    }

    [Fact]
    public void A_loaded_model_serves_translations_from_several_threads_with_correct_results()
    {
        var (model, source) = Fit();
        using var _ = model;
        var batches = Enumerable.Range(0, 8).Select(i => source.SelectSamples(Enumerable.Range(i * 15, 15).ToList())).ToArray();
        var expected = batches.Select(b => model.Translate(b).Values.ToArray()).ToArray();

        var results = new float[batches.Length * 10][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = model.Translate(batches[i % batches.Length]).Values.ToArray());

        for (int i = 0; i < results.Length; i++)
        {
            results[i].Should().Equal(expected[i % batches.Length], $"concurrent call {i} gives the single-threaded result");
        }
    }

    [Fact]
    public void A_thousand_translations_keep_live_tensors_and_memory_flat()
    {
        var (model, source) = Fit();
        using var _ = model;
        var probe = source.SelectSamples(Enumerable.Range(0, 20).ToList());
        for (int i = 0; i < 50; i++)
        {
            model.Translate(probe);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        DisposeScopeManager.Statistics.Reset();
        for (int i = 0; i < 1000; i++)
        {
            model.Translate(probe);
        }

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(0, "every tensor of a translation is disposed");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long growth = Process.GetCurrentProcess().WorkingSet64 - memoryBefore;
        growth.Should().BeLessThan(64L << 20, "1,000 translations must not grow the process by more than noise");
    }

    [Fact]
    public void Cancelling_a_fit_stops_in_the_next_batch_and_leaves_no_tensor_alive_nor_does_a_completed_fit()
    {
        var (source, target) = Matrices.Planted(samples: 400, sourceFeatures: 60, targetFeatures: 20, seed: 13);
        using var cancellation = new CancellationTokenSource();
        var translator = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithTraining(o => o with { Epochs = 50, BatchSize = 8, Seed = 13 })
            .Build();
        var progress = new CancelAfter(2, cancellation);

        long live = TensorLeak.LiveTensorsAfter(() =>
        {
            var act = () => translator.Fit(source, target, progress, cancellation.Token);
            act.Should().Throw<OperationCanceledException>();
        });

        progress.Epochs.Should().Be(2, "training stops in the epoch after the one that cancelled");
        var completed = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithTraining(o => o with { Epochs = 1, BatchSize = 8, Seed = 13 })
            .Build();
        live.Should().Be(0, "the cancelled fit disposes its data, networks and optimisers");
        TensorLeak.LiveTensorsAfter(() => completed.Fit(source, target).Dispose()).Should().Be(0, "a completed fit, once its model is disposed, leaves nothing either");
    }

    private sealed class CancelAfter(int epochs, CancellationTokenSource source) : IProgress<EpochReport>
    {
        public int Epochs { get; private set; }

        public void Report(EpochReport value)
        {
            Epochs = value.Epoch;
            if (value.Epoch >= epochs)
            {
                source.Cancel();
            }
        }
    }
}
