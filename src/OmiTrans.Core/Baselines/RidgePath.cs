using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>
/// Exact ridge regression from all source features to all target features for any number of penalties, from one
/// eigendecomposition (float64, on the device). When samples are fewer than features it works in the
/// samples x samples kernel form, K = Xc Xcᵀ; otherwise in the features x features form, G = Xcᵀ Xc. The intercept
/// comes from centring. Penalties are absolute (the caller scales them, e.g. by <see cref="MeanEigenvalue"/>).
/// </summary>
internal sealed class RidgePath : IDisposable
{
    private readonly Tensor _sourceMean;
    private readonly Tensor _targetMean;
    private readonly Tensor _centredSource;
    private readonly Tensor _eigenvalues;
    private readonly Tensor _eigenvectors;
    private readonly Tensor _projected;
    private readonly bool _kernel;

    public RidgePath(Tensor source, Tensor target)
    {
        using var scope = NewDisposeScope();
        var x = source.to(ScalarType.Float64);
        var y = target.to(ScalarType.Float64);
        var sourceMean = x.mean([0L], keepdim: true);
        var targetMean = y.mean([0L], keepdim: true);
        var xc = x - sourceMean;
        var yc = y - targetMean;
        _kernel = x.shape[0] <= x.shape[1];
        var gram = _kernel ? xc.matmul(xc.t()) : xc.t().matmul(xc);
        var (values, vectors) = linalg.eigh(gram);
        var projected = _kernel ? vectors.t().matmul(yc) : vectors.t().matmul(xc.t().matmul(yc));
        MeanEigenvalue = values.clamp_min(0).mean().item<double>();
        _sourceMean = sourceMean.MoveToOuterDisposeScope();
        _targetMean = targetMean.MoveToOuterDisposeScope();
        _centredSource = xc.MoveToOuterDisposeScope();
        _eigenvalues = values.clamp_min(0).MoveToOuterDisposeScope();
        _eigenvectors = vectors.MoveToOuterDisposeScope();
        _projected = projected.MoveToOuterDisposeScope();
    }

    /// <summary>The mean eigenvalue of the Gram matrix: the natural scale of the penalty (trace / size).</summary>
    public double MeanEigenvalue { get; }

    /// <summary>Predictions (float64) for other source samples under a penalty.</summary>
    public Tensor Predict(Tensor source, double penalty)
    {
        using var scope = NewDisposeScope();
        var (weight, bias) = Solve(penalty);
        return source.to(ScalarType.Float64).matmul(weight.t()).add_(bias).MoveToOuterDisposeScope();
    }

    /// <summary>The linear map under a penalty: weight [targets, sources] and bias [targets], float64.</summary>
    public (Tensor Weight, Tensor Bias) Solve(double penalty)
    {
        using var scope = NewDisposeScope();
        var coefficients = _eigenvectors.matmul(_projected / (_eigenvalues + penalty).unsqueeze(1));
        var weight = _kernel ? _centredSource.t().matmul(coefficients) : coefficients;
        var bias = _targetMean - _sourceMean.matmul(weight);
        return (weight.t().contiguous().MoveToOuterDisposeScope(), bias.squeeze(0).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _sourceMean.Dispose();
        _targetMean.Dispose();
        _centredSource.Dispose();
        _eigenvalues.Dispose();
        _eigenvectors.Dispose();
        _projected.Dispose();
    }
}
