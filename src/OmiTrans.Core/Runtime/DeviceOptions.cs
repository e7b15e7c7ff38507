using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Runtime;

/// <summary>The kind of device to run on.</summary>
public enum DeviceKind
{
    /// <summary>The first CUDA GPU when one is available, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>A CUDA GPU.</summary>
    Cuda,
}

/// <summary>Where networks run. Resolved once per fit or load; CUDA that is asked for but absent is an error unless a fallback is allowed.</summary>
public sealed record DeviceOptions
{
    /// <summary>The first CUDA GPU when available, otherwise the CPU.</summary>
    public static DeviceOptions Auto { get; } = new() { Kind = DeviceKind.Auto };

    /// <summary>The CPU.</summary>
    public static DeviceOptions Cpu { get; } = new() { Kind = DeviceKind.Cpu };

    /// <summary>The device kind.</summary>
    /// <value>The default value is <see cref="DeviceKind.Cpu"/>.</value>
    public DeviceKind Kind { get; init; } = DeviceKind.Cpu;

    /// <summary>The CUDA device index (for <see cref="DeviceKind.Cuda"/>).</summary>
    /// <value>The default value is 0.</value>
    public int Index { get; init; }

    /// <summary>Whether to run on the CPU when CUDA was asked for and is not available, instead of failing.</summary>
    /// <value>The default value is false.</value>
    public bool FallbackToCpu { get; init; }

    /// <summary>A CUDA device.</summary>
    /// <param name="index">The device index.</param>
    /// <param name="fallbackToCpu">Whether to use the CPU when CUDA is absent.</param>
    public static DeviceOptions Cuda(int index = 0, bool fallbackToCpu = false) => new() { Kind = DeviceKind.Cuda, Index = index, FallbackToCpu = fallbackToCpu };

    /// <summary>Parses "auto", "cpu", "cuda" or "cuda:N".</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="FormatException">The text is not one of these.</exception>
    public static DeviceOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "auto")
        {
            return Auto;
        }

        if (t == "cpu")
        {
            return Cpu;
        }

        if (t == "cuda")
        {
            return Cuda();
        }

        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return Cuda(index);
        }

        throw new FormatException($"Unknown device '{text}'; expected auto, cpu, cuda or cuda:N.");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => $"cuda:{Index}",
    };

    /// <summary>Resolves to a TorchSharp device.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for, is not available and no fallback was allowed.</exception>
    internal Device Resolve()
    {
        TorchRuntime.EnsureLoaded();
        switch (Kind)
        {
            case DeviceKind.Cpu:
                return CPU;
            case DeviceKind.Auto:
                return cuda.is_available() ? new Device(DeviceType.CUDA, 0) : CPU;
            default:
                if (cuda.is_available() && Index < cuda.device_count())
                {
                    return new Device(DeviceType.CUDA, Index);
                }

                if (FallbackToCpu)
                {
                    return CPU;
                }

                throw new InvalidOperationException(cuda.is_available()
                    ? $"CUDA device {Index} was requested but only {cuda.device_count()} CUDA device(s) exist."
                    : $"CUDA device {Index} was requested but CUDA is not available (no GPU, no driver, or the application references TorchSharp-cpu instead of a CUDA bundle). Use the CPU, or allow a fallback to the CPU.");
        }
    }
}
