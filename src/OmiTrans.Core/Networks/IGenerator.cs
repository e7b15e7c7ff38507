using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// Creates the generator network: a module that maps a batch of scaled source profiles <c>[batch, sourceFeatures]</c>
/// to translated target profiles <c>[batch, targetFeatures]</c> on the scaled target range (training minimum 0,
/// maximum 1; the output is not squashed).
/// </summary>
/// <remarks>
/// A generator is a factory, not a module: <see cref="Create"/> runs once per fit (and once per model load), when the
/// aligned feature counts are known. The returned module is owned and disposed by the library. Build it on the CPU;
/// the library initialises its Linear and convolution weights according to the training options (seeded) and moves
/// it to the training device. Draw any randomness inside forward (dropout masks, noise) from
/// <see cref="NetworkContext.Random"/> so that a seed reproduces a run. Forward must not dispose its input and must
/// return a fresh tensor.
/// </remarks>
public interface IGenerator
{
    /// <summary>A short name identifying the architecture in model files and reports (for example "fc").</summary>
    string Name { get; }

    /// <summary>Creates the network for the given feature counts.</summary>
    /// <param name="context">Feature counts, chromosome groups, device and random generator.</param>
    nn.Module<Tensor, Tensor> Create(NetworkContext context);
}
