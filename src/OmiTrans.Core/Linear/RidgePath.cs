using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Linear;

/// <summary>
/// Exact ridge regression from all source features to all target features for any number of penalties, from one
/// eigendecomposition (float64, on the device). When samples are fewer than features it works in the
/// samples x samples kernel form, K = Xc Xcᵀ; otherwise in the features x features form, G = Xcᵀ Xc. The intercept
/// comes from centring. Penalties are absolute (the caller scales them, e.g. by <see cref="MeanEigenvalue"/>).
/// </summary>
internal sealed class RidgePath : IDisposable
{
    /// <summary>The penalty grid of the ridge baseline and of every ridge map the library fits: 12 values from 10⁻³ to 10² times the mean eigenvalue.</summary>
    public static readonly IReadOnlyList<double> DefaultRelativePenalties = Enumerable.Range(0, 12).Select(i => Math.Pow(10, -3 + (i * 5.0 / 11))).ToArray();

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
        MeanEigenvalue = values.clamp_min(HeldScalars.Zero).mean().item<double>();
        _sourceMean = sourceMean.MoveToOuterDisposeScope();
        _targetMean = targetMean.MoveToOuterDisposeScope();
        _centredSource = xc.MoveToOuterDisposeScope();
        _eigenvalues = values.clamp_min(HeldScalars.Zero).MoveToOuterDisposeScope();
        _eigenvectors = vectors.MoveToOuterDisposeScope();
        _projected = projected.MoveToOuterDisposeScope();
    }

    /// <summary>The mean eigenvalue of the Gram matrix: the natural scale of the penalty (trace / size).</summary>
    public double MeanEigenvalue { get; }

    /// <summary>Predictions (float64) for other source samples under a penalty.</summary>
    /// <remarks>
    /// Predictions are (x − x̄) W + ȳ. In the kernel form W = Xcᵀ · coefficients is never formed: (x − x̄) Xcᵀ needs
    /// [samples × training samples] instead of the [targets × sources] map (800 MB at 20,000 × 5,000 in float64).
    /// </remarks>
    public Tensor Predict(Tensor source, double penalty)
    {
        using var scope = NewDisposeScope();
        var centred = source.to(ScalarType.Float64) - _sourceMean;
        var features = _kernel ? centred.matmul(_centredSource.t()) : centred;
        return features.matmul(Coefficients(penalty)).PlusInPlace(_targetMean).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Predictions (float64) for other source samples with one penalty per target feature ([targets], float64; +∞
    /// predicts the training mean of that target).
    /// </summary>
    public Tensor Predict(Tensor source, Tensor penalties)
    {
        using var scope = NewDisposeScope();
        var centred = source.to(ScalarType.Float64) - _sourceMean;
        var features = _kernel ? centred.matmul(_centredSource.t()) : centred;
        return features.matmul(Coefficients(penalties)).PlusInPlace(_targetMean).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Writes the map under a penalty into a weight [targets, sources] and bias [targets] of any type and device, a block
    /// of targets at a time, so that the float64 map (800 MB at 20,000 × 5,000) never exists whole.
    /// </summary>
    public void SolveInto(Tensor weight, Tensor bias, double penalty, long targetBlock = 256)
    {
        using var scope = NewDisposeScope();
        WriteMap(weight, bias, Coefficients(penalty), targetBlock);
    }

    /// <summary>Writes the map with one penalty per target relative to <see cref="MeanEigenvalue"/> (+∞ gives that target's training mean) into a weight and bias.</summary>
    public void SolveInto(Tensor weight, Tensor bias, IReadOnlyList<double> relativePenalties)
    {
        using var scope = NewDisposeScope();
        using var scale = MeanEigenvalue.ToScalar();
        SolveInto(weight, bias, tensor(relativePenalties.ToArray(), device: _eigenvalues.device).mul(scale));
    }

    /// <summary>Writes the map with one penalty per target feature ([targets], float64; +∞ gives that target's training mean) into a weight and bias.</summary>
    public void SolveInto(Tensor weight, Tensor bias, Tensor penalties, long targetBlock = 256)
    {
        using var scope = NewDisposeScope();
        WriteMap(weight, bias, Coefficients(penalties), targetBlock);
    }

    private void WriteMap(Tensor weight, Tensor bias, Tensor coefficients, long targetBlock)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sourceMean = _sourceMean.squeeze(0);
        var targetMean = _targetMean.squeeze(0);
        long targets = coefficients.shape[1];
        for (long start = 0; start < targets; start += targetBlock)
        {
            using var block = NewDisposeScope();
            long length = Math.Min(targetBlock, targets - start);
            var c = coefficients.narrow(1, start, length).t();
            var w = _kernel ? c.matmul(_centredSource) : c.contiguous(); // [length, p]
            var b = targetMean.narrow(0, start, length) - w.matmul(sourceMean);
            weight.narrow(0, start, length).copy_(w);
            bias.narrow(0, start, length).copy_(b);
        }
    }

    /// <summary>The solution in the path's form: [training samples, targets] in the kernel form, else W [sources, targets].</summary>
    private Tensor Coefficients(double penalty)
    {
        using var scope = NewDisposeScope();
        using var held = penalty.ToScalar();
        return _eigenvectors.matmul(_projected / _eigenvalues.add(held, HeldScalars.One).unsqueeze(1)).MoveToOuterDisposeScope();
    }

    /// <summary>The solution with one penalty per target column ([targets]); an infinite penalty gives a zero column.</summary>
    private Tensor Coefficients(Tensor penalties)
    {
        using var scope = NewDisposeScope();
        var denominator = _eigenvalues.unsqueeze(1).Plus(penalties.to(ScalarType.Float64).to(_eigenvalues.device).unsqueeze(0)); // [k, targets]
        return _eigenvectors.matmul(_projected / denominator).MoveToOuterDisposeScope();
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
