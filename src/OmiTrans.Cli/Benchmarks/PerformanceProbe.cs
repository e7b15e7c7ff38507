using System.Diagnostics;
using static TorchSharp.torch;

namespace OmiTrans.Cli.Benchmarks;

/// <summary>Measures what the device can do, as a yardstick for training speed.</summary>
public static class PerformanceProbe
{
    /// <summary>
    /// The float32 matrix-multiply throughput of a device in GFLOP/s: square <paramref name="size"/> matmuls (2·n³ FLOP
    /// each), the median of <paramref name="repeats"/> after a warm-up of at least a second (on a 2-core VM the first
    /// products run at half speed while the threads and clocks spin up, and single products vary by ±30 %).
    /// </summary>
    /// <param name="device">The device; null for the CPU.</param>
    /// <param name="size">The matrix size.</param>
    /// <param name="repeats">Timed repetitions.</param>
    public static double MeasureGemmGflops(DeviceOptions? device = null, int size = 2048, int repeats = 15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var target = (device ?? DeviceOptions.Cpu).Resolve();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = randn(size, size, device: target);
        var b = randn(size, size, device: target);
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < 2 || warmUp.Elapsed < TimeSpan.FromSeconds(1); i++)
        {
            using var c = a.matmul(b);
            _ = c[0, 0].item<float>();
        }

        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            using var c = a.matmul(b);
            _ = c[0, 0].item<float>();
            times[i] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return 2.0 * size * size * size / times[repeats / 2] / 1e9;
    }
}
