using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// Creates the conditional discriminator: a module that takes a target profile (real or translated,
/// <c>[batch, targetFeatures]</c>) and the source profile it is conditioned on (<c>[batch, sourceFeatures]</c>)
/// and returns raw logits <c>[batch, k]</c> (no sigmoid; the loss applies it).
/// </summary>
/// <remarks>The same ownership and randomness rules as for <see cref="IGenerator"/> apply.</remarks>
public interface IDiscriminator
{
    /// <summary>A short name identifying the architecture (for example "fc").</summary>
    string Name { get; }

    /// <summary>Creates the network for the given feature counts.</summary>
    /// <param name="context">Feature counts, chromosome groups, device and random generator.</param>
    nn.Module<Tensor, Tensor, Tensor> Create(NetworkContext context);

    /// <summary>
    /// Whether the network's output for a sample depends on that sample alone (no batch statistics such as batch
    /// normalisation). When true, the trainer scores the real and the translated batch in one call of twice the height,
    /// which gives the same values faster; when false it calls the network once per batch.
    /// </summary>
    /// <value>The default value is false (always correct, possibly slower).</value>
    bool IsSampleIndependent => false;
}
