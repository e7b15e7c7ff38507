using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Diagnostics;

/// <summary>
/// Checks, on this machine, that the float32 (and bfloat16) computations OmiTrans trains with give the values and
/// gradients of their float64 references: every convolution layer the U-Net generator and the CNN discriminator build
/// (at three batch sizes), both networks whole (with batch and instance normalisation), and the linear layers. libtorch's
/// float64 kernels do not go through oneDNN, so they are an independent reference for its float32 JIT kernels, which
/// have been seen to compute wrong convolution gradients on some CPUs (docs/native-safety.md). Takes a few seconds;
/// <c>omitrans doctor</c> runs it.
/// </summary>
public static class NumericsCheck
{
    /// <summary>The largest relative error accepted for float32 (float32 has 24 significant bits; the layers sum at most a few thousand terms).</summary>
    public const double Float32Tolerance = 1e-4;

    /// <summary>
    /// The largest relative error accepted for whole networks in float32: a deep batch-normalised U-Net amplifies float32
    /// rounding (measured 3.5e-4 for the default U-Net at batch 16, identical on every oneDNN ISA level, so not a kernel
    /// fault); the kernel faults this check exists for give errors of 0.4 and more, or NaN.
    /// </summary>
    public const double NetworkTolerance = 2e-3;

    /// <summary>The largest relative error accepted for bfloat16 products (8 significant bits).</summary>
    public const double BFloat16Tolerance = 3e-2;

    private static readonly int[] Batches = [1, 2, 5];

    /// <summary>Runs every comparison on the CPU.</summary>
    /// <param name="cancellationToken">Stops between comparisons.</param>
    public static NumericsCheckReport Run(CancellationToken cancellationToken = default)
    {
        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        var results = new List<NumericsCheckResult>();
        using var scope = NewDisposeScope();
        using var random = new Generator(20261205, CPU);
        foreach (var (label, generator, discriminator) in Networks())
        {
            results.AddRange(LayerChecks(label, generator, discriminator, random, cancellationToken));
            results.Add(NetworkCheck($"U-Net generator ({label})", new Subject(c => generator.Create(c), (m, t, s) => ((nn.Module<Tensor, Tensor>)m).call(s), UsesTarget: false), random));
            results.Add(NetworkCheck($"CNN discriminator ({label})", new Subject(c => discriminator.Create(c), (m, t, s) => ((nn.Module<Tensor, Tensor, Tensor>)m).call(t, s), UsesTarget: true), random));
        }

        results.Add(LinearCheck(null, random));
        results.Add(LinearCheck(ScalarType.BFloat16, random));
        var canary = LibtorchConvolutionGradient();
        bool canaryRight = canary.Zip(KnownGradient).All(p => Math.Abs(p.First - p.Second) < 1e-3);
        return new NumericsCheckReport(results, canaryRight, canary, clock.Elapsed.TotalSeconds);
    }

    private static readonly float[] KnownGradient = [0, 0, 1, 10, 100, 0, 0, 0];

    /// <summary>The default settings (the shapes users train) and small ones (kernel 3, instance norm) as in the tests.</summary>
    private static IEnumerable<(string Label, UNetGenerator Generator, ConvolutionalDiscriminator Discriminator)> Networks()
    {
        yield return ("default settings", new UNetGenerator { DropoutProbability = 0 }, new ConvolutionalDiscriminator());
        yield return ("kernel 3, instance norm", new UNetGenerator { BaseChannels = 8, Depth = 2, KernelSize = 3, DropoutProbability = 0, Normalization = ConvNormalization.InstanceNorm },
            new ConvolutionalDiscriminator { BaseChannels = 4, KernelSize = 3, Normalization = ConvNormalization.InstanceNorm });
    }

    private const int SourceLength = 96;
    private const int TargetLength = 48;

    /// <summary>Every convolution layer of both networks, at the input shape it sees, against libtorch's float64 kernel.</summary>
    private static IEnumerable<NumericsCheckResult> LayerChecks(string label, UNetGenerator generator, ConvolutionalDiscriminator discriminator, Generator random, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>();
        foreach (var (owner, layer, shape) in ConvolutionLayers(generator, discriminator, random))
        {
            string key = $"{Describe(layer)} {shape[1]}x{shape[2]}";
            if (!seen.Add(key))
            {
                continue;
            }

            foreach (int batch in Batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return LayerCheck($"{Describe(layer)} ({owner}, {label})", layer, [batch, shape[1], shape[2]], random);
            }
        }
    }

    private static string Describe(nn.Module layer) => layer switch
    {
        GemmConv1d conv => conv.Description,
        GemmConvTranspose1d transposed => transposed.Description,
        _ => layer.GetName(),
    };

    /// <summary>The network with the weights training starts from (the default initialisation, seeded), so the check is the same in every process.</summary>
    private static T Initialized<T>(T network, Generator random)
        where T : nn.Module
    {
        WeightInitializer.Apply(network, WeightInitialization.Normal, 0.02, 0.2, random);
        return network;
    }

    /// <summary>Builds both networks and records each convolution layer with the input shape it receives.</summary>
    private static List<(string Owner, nn.Module<Tensor, Tensor> Layer, long[] Shape)> ConvolutionLayers(UNetGenerator generator, ConvolutionalDiscriminator discriminator, Generator random)
    {
        var found = new List<(string, nn.Module<Tensor, Tensor>, long[])>();
        var context = new NetworkContext(SourceLength, TargetLength, null, random);
        var g = Initialized(generator.Create(context), random);
        var d = Initialized(discriminator.Create(context), random);
        Record("U-Net", g, found, () => g.call(randn(2, SourceLength, generator: random)));
        Record("CNN discriminator", d, found, () => d.call(randn(2, TargetLength, generator: random), randn(2, SourceLength, generator: random)));
        return found;
    }

    private static void Record(string owner, nn.Module network, List<(string, nn.Module<Tensor, Tensor>, long[])> found, Action forward)
    {
        var removers = new List<Action>();
        foreach (var child in network.modules())
        {
            if (child is GemmConv1d or GemmConvTranspose1d)
            {
                var layer = (nn.Module<Tensor, Tensor>)child;
                removers.Add(layer.register_forward_hook((module, input, output) =>
                {
                    found.Add((owner, module, input.shape.ToArray()));
                    return output;
                }).remove);
            }
        }

        using (no_grad())
        {
            forward();
        }

        foreach (var remove in removers)
        {
            remove();
        }
    }

    private static NumericsCheckResult LayerCheck(string name, nn.Module<Tensor, Tensor> layer, long[] shape, Generator random)
    {
        using var scope = NewDisposeScope();
        var (weight, bias) = layer switch
        {
            GemmConv1d conv => ((Tensor)conv.Weight, (Tensor?)conv.Bias),
            GemmConvTranspose1d transposed => (transposed.Weight, transposed.Bias),
            _ => throw new InvalidOperationException(),
        };
        var input = randn(shape, generator: random).requires_grad_(true);
        var output = layer.call(input);
        var upstream = randn(output.shape, generator: random);
        var grads = autograd.grad([output], bias is null ? [input, weight] : [input, weight, bias], [upstream]);

        var input64 = input.detach().to(ScalarType.Float64).requires_grad_(true);
        var weight64 = weight.detach().to(ScalarType.Float64).requires_grad_(true);
        var bias64 = bias?.detach().to(ScalarType.Float64).requires_grad_(true);
        var reference = layer is GemmConv1d c ? c.Reference(input64, weight64, bias64) : ((GemmConvTranspose1d)layer).Reference(input64, weight64, bias64);
        var references = autograd.grad([reference], bias64 is null ? [input64, weight64] : [input64, weight64, bias64], [upstream.to(ScalarType.Float64)]);
        double weightError = RelativeError(grads[1], references[1]);
        if (bias is not null)
        {
            weightError = Math.Max(weightError, RelativeError(grads[2], references[2]));
        }

        return new NumericsCheckResult(name, Format(shape), RelativeError(output, reference), RelativeError(grads[0], references[0]), weightError, Float32Tolerance);
    }

    /// <summary>A whole network in training mode (batch statistics) against its float64 copy: output, input and parameter gradients.</summary>
    private static NumericsCheckResult NetworkCheck(string name, Subject factory, Generator random)
    {
        using var scope = NewDisposeScope();
        var context = new NetworkContext(SourceLength, TargetLength, null, random);
        var network = Initialized(factory.Create(context), random);
        var copy = factory.Create(context);
        copy.to(ScalarType.Float64);
        using (no_grad())
        {
            var source = network.state_dict();
            foreach (var (key, value) in copy.state_dict())
            {
                value.copy_(source[key]);
            }
        }

        network.train();
        copy.train();
        const int batch = 16;
        var target = randn(batch, TargetLength, generator: random).requires_grad_(true);
        var sourceInput = randn(batch, SourceLength, generator: random).requires_grad_(true);
        var target64 = target.detach().to(ScalarType.Float64).requires_grad_(true);
        var source64 = sourceInput.detach().to(ScalarType.Float64).requires_grad_(true);
        var output = factory.Forward(network, target, sourceInput);
        var output64 = factory.Forward(copy, target64, source64);
        var upstream = randn(output.shape, generator: random);
        var parameters = network.parameters().Cast<Tensor>().ToList();
        var parameters64 = copy.parameters().Cast<Tensor>().ToList();
        var input = factory.UsesTarget ? target : sourceInput;
        var input64 = factory.UsesTarget ? target64 : source64;
        var grads = autograd.grad([output], [input, .. parameters], [upstream]);
        var grads64 = autograd.grad([output64], [input64, .. parameters64], [upstream.to(ScalarType.Float64)]);
        // One scale for all parameters: some gradients are zero in exact arithmetic (a bias before instance
        // normalisation), where float32 leaves rounding noise that is tiny against the network's other gradients.
        double largestDifference = 0;
        double largestReference = 1e-30;
        for (int i = 1; i < grads.Count; i++)
        {
            var difference = grads[i].detach().to(ScalarType.Float64).sub(grads64[i].detach());
            if (!isfinite(difference).all().item<bool>())
            {
                largestDifference = double.NaN;
                break;
            }

            largestDifference = Math.Max(largestDifference, difference.abs().max().item<double>());
            largestReference = Math.Max(largestReference, grads64[i].detach().abs().max().item<double>());
        }

        double parameterError = largestDifference / largestReference;
        return new NumericsCheckResult(name, Format(input.shape), RelativeError(output, output64), RelativeError(grads[0], grads64[0]), parameterError, NetworkTolerance);
    }

    /// <summary>The linear layer of the FC networks, in float32 or with bfloat16 products, against float64.</summary>
    private static NumericsCheckResult LinearCheck(ScalarType? computeType, Generator random)
    {
        using var scope = NewDisposeScope();
        using var layer = new MixedPrecisionLinear(256, 128);
        if (computeType is { } type)
        {
            MixedPrecisionLinear.SetComputeType(layer, type);
        }

        var input = randn([64, 256], generator: random).requires_grad_(true);
        var output = layer.call(input);
        var upstream = randn(output.shape, generator: random);
        var grads = autograd.grad([output], [input, layer.Weight], [upstream]);
        var input64 = input.detach().to(ScalarType.Float64).requires_grad_(true);
        var weight64 = layer.Weight.detach().to(ScalarType.Float64).requires_grad_(true);
        var reference = nn.functional.linear(input64, weight64, layer.Bias.detach().to(ScalarType.Float64));
        var references = autograd.grad([reference], [input64, weight64], [upstream.to(ScalarType.Float64)]);
        string name = computeType is null ? "linear 256→128 (float32)" : "linear 256→128 (bfloat16 products)";
        return new NumericsCheckResult(name, "[64, 256]", RelativeError(output, reference), RelativeError(grads[0], references[0]), RelativeError(grads[1], references[1]),
            computeType is null ? Float32Tolerance : BFloat16Tolerance);
    }

    /// <summary>libtorch's own float32 Conv1d input gradient on the case that oneDNN's JIT kernels get wrong on some CPUs.</summary>
    private static float[] LibtorchConvolutionGradient()
    {
        using var scope = NewDisposeScope();
        var input = ones(2, 1, 8).requires_grad_(true);
        var weight = tensor(new float[] { 1, 10, 100 }).reshape(1, 1, 3);
        var output = nn.functional.conv1d(input, weight, padding: 1);
        var upstream = zeros(2, 1, 8);
        upstream[0, 0, 3] = tensor(1f);
        var gradient = autograd.grad([output], [input], [upstream])[0];
        return gradient[0, 0].data<float>().ToArray();
    }

    /// <summary>max |actual − reference| / max |reference| (NaN or ∞ when the actual values are not finite).</summary>
    private static double RelativeError(Tensor actual, Tensor reference)
    {
        using var scope = NewDisposeScope();
        var a = actual.detach().to(ScalarType.Float64);
        var r = reference.detach().to(ScalarType.Float64);
        if (!isfinite(a).all().item<bool>())
        {
            return double.NaN;
        }

        double scale = Math.Max(r.abs().max().item<double>(), 1e-30);
        return a.sub(r).abs().max().item<double>() / scale;
    }

    /// <summary>A network to check: how to build it and how to call it on (target, source).</summary>
    private sealed record Subject(Func<NetworkContext, nn.Module> Create, Func<nn.Module, Tensor, Tensor, Tensor> Forward, bool UsesTarget);

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Format(ReadOnlySpan<long> shape) => Format(shape.ToArray());
}
