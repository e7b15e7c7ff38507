using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>The adversarial loss of a batch of discriminator logits for the real or the fake label.</summary>
internal static class AdversarialLoss
{
    public static Tensor Compute(Tensor logits, bool real, GanObjective objective)
    {
        switch (objective)
        {
            case GanObjective.Vanilla:
            {
                using var labels = real ? ones_like(logits) : zeros_like(logits);
                return nn.functional.binary_cross_entropy_with_logits(logits, labels);
            }

            case GanObjective.LeastSquares:
            {
                using var labels = real ? ones_like(logits) : zeros_like(logits);
                return nn.functional.mse_loss(logits, labels);
            }

            default:
                return real ? logits.mean().neg_() : logits.mean();
        }
    }
}
