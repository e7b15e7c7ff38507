using OmiTrans.Losses;
using OmiTrans.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace CustomGeneratorSample;

/// <summary>
/// A user-defined distance loss: the Huber (smooth L1) loss, quadratic for errors below <see cref="Delta"/> and linear
/// above, so a few badly predicted genes do not dominate. Stateless; returns a fresh scalar and never disposes its
/// inputs (the library disposes the result).
/// </summary>
public sealed record HuberDistance(double Delta = 0.1) : IDistanceLoss
{
    public string Name => "huber";

    public bool RequiresUnitInterval => false;

    public Tensor Compute(Tensor predicted, Tensor actual) => nn.functional.huber_loss(predicted, actual, delta: Delta);
}
