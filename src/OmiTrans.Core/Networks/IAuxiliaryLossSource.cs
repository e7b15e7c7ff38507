using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// A generator module that adds its own term to the generator's loss (for example the KL divergence of a variational
/// encoder-decoder). After each training forward pass the trainer calls <see cref="TakeAuxiliaryLoss"/> and adds the
/// returned scalar (already weighted) to the generator's objective.
/// </summary>
public interface IAuxiliaryLossSource
{
    /// <summary>The weighted auxiliary loss of the last forward pass in training mode, or null; the module forgets it.</summary>
    Tensor? TakeAuxiliaryLoss();
}
