using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// The WGAN-GP gradient penalty: the mean over samples of (‖∇ₜ D(t, s)‖₂ − 1)², at points t drawn uniformly on the
/// segments between real and translated targets (the source condition s is held fixed).
/// </summary>
internal static class GradientPenalty
{
    public static Tensor Compute(nn.Module<Tensor, Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor condition, Tensor mixing)
    {
        using var scope = NewDisposeScope();
        // mixing · real + (1 − mixing) · fake = fake + mixing · (real − fake)
        var interpolated = fake.detach().addcmul(mixing, real.sub(fake.detach()), HeldScalars.One).detach().requires_grad_(true);
        var scores = critic.call(interpolated, condition);
        var gradients = autograd.grad([scores], [interpolated], [ones_like(scores)], retain_graph: true, create_graph: true)[0];
        var norms = gradients.reshape(gradients.shape[0], -1).norm(1, false, 2);
        var excess = norms.sub(HeldScalars.One);
        return excess.mul(excess).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Per-sample mixing weights in [0, 1), shape [batch, 1].</summary>
    public static Tensor Mixing(long batch, Device device, Generator random) => rand(batch, 1, device: device, generator: random);
}
