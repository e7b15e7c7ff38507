using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A linear layer (same parameters, names and initial values as <c>nn.Linear</c>) whose matrix product can run in a
/// lower precision while the weights stay float32: the input, weight and bias are cast for the product and the result
/// is cast back, so gradients reach the float32 weights through the casts. This is bf16 autocast for the layers that
/// dominate the cost, which TorchSharp does not offer. Off (float32) unless <see cref="ComputeType"/> is set.
/// </summary>
internal sealed class MixedPrecisionLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public MixedPrecisionLinear(long inputWidth, long outputWidth)
        : this(InitialParameters(inputWidth, outputWidth))
    {
    }

    private MixedPrecisionLinear((Parameter Weight, Parameter Bias) parameters)
        : base("Linear")
    {
        (weight, bias) = parameters;
        RegisterComponents();
    }

    /// <summary>
    /// A layer whose weights start at zero, for maps that are solved or loaded rather than trained: no random draws and
    /// no initialisation copy (which for a 20,000 × 5,000 map would be 800 MB of transient memory).
    /// </summary>
    public static MixedPrecisionLinear Zeroed(long inputWidth, long outputWidth)
    {
        using var scope = NewDisposeScope();
        return new((new Parameter(zeros(outputWidth, inputWidth).MoveToOuterDisposeScope()), new Parameter(zeros(outputWidth).MoveToOuterDisposeScope())));
    }

    /// <summary>The same initial values (and random draws) as nn.Linear; the scope disposes the template and the detached views.</summary>
    private static (Parameter Weight, Parameter Bias) InitialParameters(long inputWidth, long outputWidth)
    {
        using var scope = NewDisposeScope();
        var template = nn.Linear(inputWidth, outputWidth);
        var parameters = (new Parameter(template.weight!.detach().clone().MoveToOuterDisposeScope()), new Parameter(template.bias!.detach().clone().MoveToOuterDisposeScope()));
        template.Dispose();
        return parameters;
    }

    /// <summary>The weight [outputs, inputs].</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [outputs].</summary>
    public Parameter Bias => bias;

    /// <summary>The type the product is computed in, or null for the parameters' own type.</summary>
    public ScalarType? ComputeType { get; private set; }

    /// <summary>
    /// The weight and bias in the compute type, kept between steps when an optimizer maintains them (see
    /// <see cref="SetComputeType"/>); null when the parameters are cast at every product instead.
    /// </summary>
    private (Tensor Weight, Tensor Bias)? _copies;

    /// <summary>Each parameter with its low-precision copy (none unless copies are kept).</summary>
    public IEnumerable<(Parameter Parameter, Tensor Copy)> Copies =>
        _copies is { } c ? [(weight, c.Weight), (bias, c.Bias)] : [];

    public override Tensor forward(Tensor input)
    {
        if (!Lowered(out var type))
        {
            return nn.functional.linear(input, weight, bias);
        }

        using var scope = NewDisposeScope();
        var (w, b) = Operands(type);
        return nn.functional.linear(input.to(type), w, b).to(input.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The product in the compute type, left in that type: for callers that cast one input for several layers and
    /// cast the joined result back once. Without a compute type, the same as <see cref="forward"/>.
    /// </summary>
    public Tensor ForwardInComputeType(Tensor input)
    {
        if (!Lowered(out var type))
        {
            return forward(input);
        }

        using var scope = NewDisposeScope();
        var (w, b) = Operands(type);
        return nn.functional.linear(input.dtype == type ? input : input.to(type), w, b).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The layer applied to the concatenation [<paramref name="first"/>, <paramref name="second"/>] along the features
    /// without forming it: the weight's column blocks multiply each part and the products are added. With
    /// <paramref name="secondRepeats"/> &gt; 1 the second part's product is computed once and repeated down the rows, for
    /// a first part that stacks several batches sharing the second (the paired critic's real and fake batches).
    /// </summary>
    public Tensor ForwardConcatenated(Tensor first, Tensor second, int secondRepeats = 1)
    {
        using var scope = NewDisposeScope();
        long split = first.shape[^1];
        Tensor w;
        Tensor b;
        var output = first.dtype;
        if (Lowered(out var type))
        {
            (w, b) = Operands(type);
            first = first.to(type);
            second = second.to(type);
        }
        else
        {
            (w, b) = (weight, bias);
        }

        var fromSecond = nn.functional.linear(second, w.narrow(1, split, w.shape[1] - split));
        if (secondRepeats > 1)
        {
            fromSecond = fromSecond.repeat(secondRepeats, 1);
        }

        var product = nn.functional.linear(first, w.narrow(1, 0, split), b).PlusInPlace(fromSecond);
        return (product.dtype == output ? product : product.to(output)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Sets the compute type of every such layer inside a module (null: back to float32, dropping any copies).
    /// With <paramref name="keepCopies"/>, each layer makes one low-precision copy of its weight and bias that its
    /// products use directly and that collects their gradients; the optimizer must then update the copies together
    /// with the parameters (<see cref="Copies"/>; <c>InPlaceAdam</c> does), which saves casting the weights at every
    /// product and the gradients back at every backward pass.
    /// </summary>
    public static void SetComputeType(nn.Module module, ScalarType? type, bool keepCopies = false)
    {
        foreach (var layer in Layers(module))
        {
            layer.DisposeCopies();
            layer.ComputeType = type;
            if (type is { } t && keepCopies && layer.weight.dtype != t)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                layer._copies = (layer.weight.detach().to(t).DetachFromDisposeScope(), layer.bias.detach().to(t).DetachFromDisposeScope());
            }
        }
    }

    /// <summary>Every such layer inside a module, the module itself included.</summary>
    public static IEnumerable<MixedPrecisionLinear> Layers(nn.Module module) => module.modules().Prepend(module).OfType<MixedPrecisionLinear>();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeCopies();
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether products run in a compute type other than the parameters' own, and which.</summary>
    private bool Lowered(out ScalarType type)
    {
        type = ComputeType ?? weight.dtype;
        return type != weight.dtype;
    }

    /// <summary>The product's operands in the compute type: the kept copies (tracking gradients as the parameters do), or casts.</summary>
    private (Tensor Weight, Tensor Bias) Operands(ScalarType type)
    {
        if (_copies is not { } c)
        {
            return (weight.to(type), bias.to(type));
        }

        Track(c.Weight, weight);
        Track(c.Bias, bias);
        return c;

        static void Track(Tensor copy, Parameter parameter)
        {
            if (copy.requires_grad != parameter.requires_grad)
            {
                copy.requires_grad_(parameter.requires_grad);
            }
        }
    }

    private void DisposeCopies()
    {
        if (_copies is { } c)
        {
            c.Weight.Dispose();
            c.Bias.Dispose();
            _copies = null;
        }
    }
}
