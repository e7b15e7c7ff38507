using static TorchSharp.torch;

namespace OmiTrans.Losses;

/// <summary>
/// The reconstruction term of the generator's objective, weighted by λ (the distance-loss weight). It compares a
/// batch of translated profiles with the real ones, both on the scaled target range, and returns a scalar tensor.
/// </summary>
/// <remarks>
/// Implementations keep no state, return a fresh tensor and never dispose their inputs. The library disposes the
/// result.
/// </remarks>
public interface IDistanceLoss
{
    /// <summary>A short name for reports and model files (for example "l1").</summary>
    string Name { get; }

    /// <summary>
    /// True when the loss is only defined for values in [0, 1] (binary cross-entropy). The generator's output then
    /// passes through a sigmoid, and training refuses targets outside [0, 1].
    /// </summary>
    bool RequiresUnitInterval { get; }

    /// <summary>Computes the loss (a scalar) of translated against real profiles.</summary>
    /// <param name="predicted">Translated profiles [batch, targetFeatures].</param>
    /// <param name="actual">Real profiles [batch, targetFeatures].</param>
    Tensor Compute(Tensor predicted, Tensor actual);
}
