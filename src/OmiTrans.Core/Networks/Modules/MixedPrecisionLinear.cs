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
    public ScalarType? ComputeType { get; set; }

    public override Tensor forward(Tensor input)
    {
        if (ComputeType is not { } type || input.dtype == type)
        {
            return nn.functional.linear(input, weight, bias);
        }

        using var scope = NewDisposeScope();
        return nn.functional.linear(input.to(type), weight.to(type), bias.to(type)).to(input.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The product in the compute type, left in that type: for callers that cast one input for several layers and
    /// cast the joined result back once. Without a compute type, the same as <see cref="forward"/>.
    /// </summary>
    public Tensor ForwardInComputeType(Tensor input)
    {
        if (ComputeType is not { } type || weight.dtype == type)
        {
            return forward(input);
        }

        using var scope = NewDisposeScope();
        return nn.functional.linear(input.dtype == type ? input : input.to(type), weight.to(type), bias.to(type)).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the compute type of every such layer inside a module (null: back to float32).</summary>
    public static void SetComputeType(nn.Module module, ScalarType? type)
    {
        foreach (var layer in module.modules().Prepend(module).OfType<MixedPrecisionLinear>())
        {
            layer.ComputeType = type;
        }
    }
}
