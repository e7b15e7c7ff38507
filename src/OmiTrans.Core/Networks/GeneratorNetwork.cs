using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>Builds the generator module of a fit or of a loaded model, the same way both times.</summary>
internal static class GeneratorNetwork
{
    public static nn.Module<Tensor, Tensor> Build(IGenerator generator, NetworkContext context, bool sigmoidOutput)
    {
        var module = generator.Create(context)
            ?? throw new InvalidOperationException($"The generator '{generator.Name}' returned no module.");
        return sigmoidOutput ? new SigmoidOutput(module) : module;
    }
}
