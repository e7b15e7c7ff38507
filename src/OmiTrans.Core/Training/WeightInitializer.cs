using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Initialises Linear and convolution weights (biases to zero) and batch-norm scales (N(1, gain)), with an explicit
/// generator so a seed reproduces them. Other modules keep their own initialisation.
/// </summary>
/// <remarks>TorchSharp 0.107's nn.init.normal_ ignores its generator argument; Tensor.normal_ honours it, so it is used here.</remarks>
internal static class WeightInitializer
{
    public static void Apply(nn.Module module, WeightInitialization kind, double gain, double leakySlope, Generator random)
    {
        if (kind == WeightInitialization.Default)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (var child in module.modules().Prepend(module).Distinct())
        {
            // In-place initialisers hand back a new tensor wrapper; the scope disposes those (never the parameters).
            using var scope = NewDisposeScope();
            var typeName = child.GetType().Name;
            var parameters = child.named_parameters(recurse: false).ToDictionary(p => p.name, p => p.parameter);
            if (typeName.Contains("Linear", StringComparison.Ordinal) || typeName.Contains("Conv", StringComparison.Ordinal))
            {
                if (parameters.TryGetValue("weight", out var weight))
                {
                    Initialize(weight, kind, gain, leakySlope, random);
                }

                if (parameters.TryGetValue("bias", out var bias))
                {
                    bias.zero_();
                }
            }
            else if (typeName.StartsWith("BatchNorm", StringComparison.Ordinal))
            {
                if (parameters.TryGetValue("weight", out var weight))
                {
                    weight.normal_(1.0, gain, random);
                }

                if (parameters.TryGetValue("bias", out var bias))
                {
                    bias.zero_();
                }
            }
        }
    }

    private static void Initialize(Tensor weight, WeightInitialization kind, double gain, double leakySlope, Generator random)
    {
        var (fanIn, fanOut) = nn.init.CalculateFanInAndFanOut(weight);
        switch (kind)
        {
            case WeightInitialization.Normal:
                weight.normal_(0, gain, random);
                break;
            case WeightInitialization.Xavier:
                weight.normal_(0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), random);
                break;
            case WeightInitialization.Kaiming:
                weight.normal_(0, Math.Sqrt(2.0 / (1 + (leakySlope * leakySlope))) / Math.Sqrt(fanIn), random);
                break;
            case WeightInitialization.Orthogonal:
                Orthogonal(weight, gain, random);
                break;
        }
    }

    private static void Orthogonal(Tensor weight, double gain, Generator random)
    {
        using var scope = NewDisposeScope();
        long rows = weight.shape[0];
        long columns = weight.numel() / rows;
        var flat = randn(Math.Max(rows, columns), Math.Min(rows, columns), dtype: weight.dtype, generator: random);
        var (q, r) = linalg.qr(flat);
        q = q.mul(r.diagonal().sign());
        if (rows < columns)
        {
            q = q.t();
        }

        using var heldGain = gain.ToScalar();
        weight.copy_(q.reshape(weight.shape).mul(heldGain));
    }
}
