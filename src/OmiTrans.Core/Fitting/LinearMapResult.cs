using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Fitting;

/// <summary>Wraps a solved linear map (weight [targets, sources], bias [targets]) as the network of a fitted model.</summary>
internal static class LinearMapResult
{
    public static CoreResult Create(FitContext context, Tensor weight, Tensor bias, IReadOnlyDictionary<string, double> details)
        => Create(context, (w, b) =>
        {
            using (NewDisposeScope())
            {
                w.copy_(weight.to(ScalarType.Float32).cpu());
                b.copy_(bias.to(ScalarType.Float32).cpu());
            }
        }, details);

    /// <summary>Wraps a linear map written by <paramref name="fill"/> into the float32 CPU weight [targets, sources] and bias.</summary>
    public static CoreResult Create(FitContext context, Action<Tensor, Tensor> fill, IReadOnlyDictionary<string, double> details)
    {
        var spec = new LinearMapGenerator();
        var random = new Generator(0, context.Device);
        var module = (MixedPrecisionLinear)spec.Create(new NetworkContext(context.Preprocessor.SourceFeatureCount, context.Preprocessor.TargetFeatureCount, context.SourceGroups, random));
        using (no_grad())
        {
            fill(module.Weight, module.Bias);
        }

        module.to(context.Device);
        return new CoreResult { Generator = module, Random = random, Spec = spec, Details = details };
    }

    /// <summary>Checks that the split has validation samples, which the penalty selection needs.</summary>
    public static void RequireValidation(FitContext context, string method)
    {
        if (context.Tensors.ValidationCount == 0)
        {
            throw new OmicsSchemaException($"{method} chooses its penalty on the validation samples, but the split has none. Give a split with validation samples.");
        }
    }
}
