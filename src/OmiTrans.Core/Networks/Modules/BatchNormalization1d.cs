using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// Batch normalisation over the channels of [batch, channels] or [batch, channels, length] inputs: the same parameters,
/// buffers, state-dict names, initial values and arithmetic as <c>nn.BatchNorm1d</c> (ε 1e-5, momentum 0.1, affine,
/// running statistics), without its forward's unheld <see cref="Scalar"/> (it counts batches with <c>add_(1)</c>, a
/// temporary the garbage collector may free during the call; docs/native-safety.md).
/// </summary>
internal sealed class BatchNormalization1d : nn.Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5;
    private const double Momentum = 0.1;

    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly Tensor num_batches_tracked;

    public BatchNormalization1d(long features)
        : base("BatchNorm1d")
    {
        weight = new Parameter(ones(features));
        bias = new Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = tensor(0L);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (input.ndim is not (2 or 3))
        {
            throw new ArgumentException($"Batch normalisation expects a 2D or 3D input, but got {input.ndim}D.", nameof(input));
        }

        if (training)
        {
            using var noGrad = no_grad();
            num_batches_tracked.add_(HeldScalars.OneInt64, HeldScalars.OneInt64);
        }

        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
    }
}
