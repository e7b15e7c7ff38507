using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Baselines;

/// <summary>The centred data of a lasso fit: Gram matrix, correlations and validation inputs in managed arrays.</summary>
internal sealed class LassoProblem
{
    private float[] _validationCentred = [];
    private float[] _targetMean = [];
    private float[] _sourceMean = [];
    private int _validationCount;

    public float[] Gram { get; private set; } = [];

    public float[] Correlations { get; private set; } = [];

    public double[] TargetSquares { get; private set; } = [];

    public int Features { get; private set; }

    public int Targets { get; private set; }

    public static LassoProblem Create(TrainingTensors data)
    {
        using var scope = NewDisposeScope();
        var x = data.TrainSource;
        var y = data.TrainTarget;
        using var n = ((double)x.shape[0]).ToScalar();
        var sourceMean = x.mean([0L], keepdim: true);
        var targetMean = y.mean([0L], keepdim: true);
        var xc = x - sourceMean;
        var yc = y - targetMean;
        var gram = xc.t().matmul(xc).div_(n);
        var correlations = yc.t().matmul(xc).div_(n);
        var squares = yc.to(ScalarType.Float64).Squared().sum([0L]).div_(n);
        var validation = data.ValidationSource! - sourceMean;
        return new LassoProblem
        {
            Features = (int)x.shape[1],
            Targets = (int)y.shape[1],
            Gram = TensorConversions.ToArray(gram),
            Correlations = TensorConversions.ToArray(correlations),
            TargetSquares = squares.cpu().data<double>().ToArray(),
            _validationCentred = TensorConversions.ToArray(validation),
            _validationCount = (int)validation.shape[0],
            _targetMean = TensorConversions.ToArray(targetMean),
            _sourceMean = TensorConversions.ToArray(sourceMean),
        };
    }

    /// <summary>Validation predictions [samples, targets] (scaled units) of the solver's current coefficients.</summary>
    public Tensor PredictValidation(LassoSolver solver)
    {
        var predicted = new float[_validationCount * Targets];
        Parallel.For(0, Targets, t =>
        {
            var (features, coefficients) = solver.Coefficients(t);
            for (int v = 0; v < _validationCount; v++)
            {
                double sum = _targetMean[t];
                long row = (long)v * Features;
                for (int a = 0; a < features.Count; a++)
                {
                    sum += _validationCentred[row + features[a]] * coefficients[a];
                }

                predicted[(v * Targets) + t] = (float)sum;
            }
        });
        return TensorConversions.FromRowMajor(predicted, _validationCount, Targets, CPU);
    }

    /// <summary>The dense linear map (weight [targets, sources], bias [targets]) of sparse coefficients.</summary>
    public (Tensor Weight, Tensor Bias) LinearMap((int[] Features, double[] Coefficients)[] solution)
    {
        var weight = new float[(long)Targets * Features];
        var bias = new float[Targets];
        for (int t = 0; t < Targets; t++)
        {
            double b = _targetMean[t];
            var (features, coefficients) = solution[t];
            for (int a = 0; a < features.Length; a++)
            {
                weight[((long)t * Features) + features[a]] = (float)coefficients[a];
                b -= _sourceMean[features[a]] * coefficients[a];
            }

            bias[t] = (float)b;
        }

        return (TensorConversions.FromRowMajor(weight, Targets, Features, CPU), TensorConversions.FromVector(bias, CPU));
    }
}
