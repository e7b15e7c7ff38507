using System.Numerics;
using System.Runtime.InteropServices;

namespace OmiTrans.Baselines;

/// <summary>
/// The lasso for many targets at once over one precomputed Gram matrix: for each target t,
/// minimise (1/2n)‖yₜ − X wₜ‖² + α‖wₜ‖₁ on centred data, by coordinate descent on a working set of features that
/// grows with the features violating the optimality conditions, until the duality gap falls below
/// <c>tolerance × ‖yₜ‖²/n</c> (the convergence criterion of scikit-learn's coordinate descent). Targets are solved in
/// parallel; each keeps its solution as a warm start for the next (smaller) penalty of the path.
/// </summary>
internal sealed class LassoSolver
{
    private const int MaxOuterIterations = 200;
    private const int MaxSweeps = 10_000;
    private readonly float[] _gram;
    private readonly double[] _gramDiagonal;
    private readonly float[] _correlations;
    private readonly double[] _targetSquares;
    private readonly TargetState[] _states;

    /// <param name="gram">Xcᵀ Xc / n, features x features, row-major (symmetric).</param>
    /// <param name="correlations">Xcᵀ Yc / n laid out target by target: [target * features + feature].</param>
    /// <param name="targetSquares">‖ycₜ‖² / n for each target.</param>
    /// <param name="features">The number of features.</param>
    public LassoSolver(float[] gram, float[] correlations, double[] targetSquares, int features)
    {
        _gram = gram;
        _correlations = correlations;
        _targetSquares = targetSquares;
        Features = features;
        Targets = targetSquares.Length;
        _gramDiagonal = new double[features];
        for (int j = 0; j < features; j++)
        {
            _gramDiagonal[j] = Math.Max(gram[((long)j * features) + j], 1e-12);
        }

        _states = Enumerable.Range(0, Targets).Select(_ => new TargetState()).ToArray();
    }

    public int Features { get; }

    public int Targets { get; }

    /// <summary>The largest penalty that still gives a non-zero coefficient for some target.</summary>
    public double MaxPenalty()
    {
        double max = 0;
        foreach (var c in _correlations)
        {
            max = Math.Max(max, Math.Abs(c));
        }

        return max;
    }

    /// <summary>Solves every target at one penalty, warm-starting from the previous solution.</summary>
    public void Solve(double penalty, double tolerance, CancellationToken cancellationToken)
    {
        Parallel.For(0, Targets, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            SolveTarget(t, penalty, tolerance);
        });
    }

    /// <summary>The active features and coefficients of a target.</summary>
    public (IReadOnlyList<int> Features, IReadOnlyList<double> Coefficients) Coefficients(int target)
        => (_states[target].Active, _states[target].Weights);

    /// <summary>The lasso objective (1/2n)‖yₜ − X wₜ‖² + α‖wₜ‖₁ of a target's current coefficients.</summary>
    public double Objective(int target, double penalty)
    {
        var state = _states[target];
        var residual = FullResidualCorrelation(target, state);
        var (rn, _, _, l1) = Terms(target, state, residual);
        return (0.5 * rn) + (penalty * l1);
    }

    private void SolveTarget(int t, double penalty, double tolerance)
    {
        var state = _states[t];
        double innerTolerance = 1e-3;
        for (int outer = 0; outer < MaxOuterIterations; outer++)
        {
            var residual = FullResidualCorrelation(t, state);
            var (rn, ry, dualNorm, l1) = Terms(t, state, residual);
            double gap = DualityGap(rn, ry, dualNorm, l1, penalty);
            if (gap <= tolerance * Math.Max(_targetSquares[t], 1e-30))
            {
                return;
            }

            int added = AddViolators(state, residual, penalty);
            if (added == 0)
            {
                if (innerTolerance < 1e-14)
                {
                    return;
                }

                innerTolerance /= 100;
            }

            // Correlations of the working set with the current residual, exact from the full computation.
            var activeResidual = new double[state.Active.Count];
            for (int a = 0; a < activeResidual.Length; a++)
            {
                activeResidual[a] = residual[state.Active[a]];
            }

            Sweep(state, activeResidual, penalty, innerTolerance);
        }
    }

    private void Sweep(TargetState state, double[] activeResidual, double penalty, double innerTolerance)
    {
        var active = state.Active;
        var weights = state.Weights;
        int count = active.Count;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double maxDelta = 0;
            double maxWeight = 0;
            for (int a = 0; a < count; a++)
            {
                int j = active[a];
                double diagonal = _gramDiagonal[j];
                double rho = activeResidual[a] + (diagonal * weights[a]);
                double updated = SoftThreshold(rho, penalty) / diagonal;
                double delta = updated - weights[a];
                if (delta != 0)
                {
                    weights[a] = updated;
                    long row = (long)j * Features;
                    for (int b = 0; b < count; b++)
                    {
                        activeResidual[b] -= _gram[row + active[b]] * delta;
                    }
                }

                maxDelta = Math.Max(maxDelta, Math.Abs(delta) * Math.Sqrt(diagonal));
                maxWeight = Math.Max(maxWeight, Math.Abs(updated) * Math.Sqrt(diagonal));
            }

            if (maxDelta <= innerTolerance * Math.Max(maxWeight, 1e-12))
            {
                return;
            }
        }
    }

    private int AddViolators(TargetState state, float[] residual, double penalty)
    {
        var inSet = new HashSet<int>(state.Active);
        var violators = new List<(int Feature, float Score)>();
        for (int j = 0; j < residual.Length; j++)
        {
            float score = Math.Abs(residual[j]);
            if (score > penalty && !inSet.Contains(j))
            {
                violators.Add((j, score));
            }
        }

        if (violators.Count == 0)
        {
            return 0;
        }

        int take = Math.Min(violators.Count, Math.Max(10, state.Active.Count));
        foreach (var (feature, _) in violators.OrderByDescending(v => v.Score).Take(take))
        {
            state.Active.Add(feature);
            state.Weights.Add(0);
        }

        return take;
    }

    /// <summary>r = c − G w over all features (float, vectorised).</summary>
    private float[] FullResidualCorrelation(int t, TargetState state)
    {
        var residual = new float[Features];
        _correlations.AsSpan(t * Features, Features).CopyTo(residual);
        for (int a = 0; a < state.Active.Count; a++)
        {
            double w = state.Weights[a];
            if (w != 0)
            {
                Axpy(residual, _gram.AsSpan((int)((long)state.Active[a] * Features), Features), (float)-w);
            }
        }

        return residual;
    }

    /// <summary>‖res‖²/n, resᵀy/n, ‖Xᵀres‖∞/n and ‖w‖₁ from the residual correlations.</summary>
    private (double Rn, double Ry, double DualNorm, double L1) Terms(int t, TargetState state, float[] residual)
    {
        double cw = 0;
        double rw = 0;
        double l1 = 0;
        var c = _correlations.AsSpan(t * Features, Features);
        for (int a = 0; a < state.Active.Count; a++)
        {
            int j = state.Active[a];
            double w = state.Weights[a];
            cw += c[j] * w;
            rw += residual[j] * w;
            l1 += Math.Abs(w);
        }

        double dualNorm = 0;
        foreach (var r in residual)
        {
            dualNorm = Math.Max(dualNorm, Math.Abs(r));
        }

        double yy = _targetSquares[t];
        double wGw = cw - rw;
        return (Math.Max(0, yy - (2 * cw) + wGw), yy - cw, dualNorm, l1);
    }

    internal static double DualityGap(double rn, double ry, double dualNorm, double l1, double penalty)
    {
        double scale = dualNorm > penalty ? penalty / dualNorm : 1.0;
        return (0.5 * rn * (1 + (scale * scale))) + (penalty * l1) - (scale * ry);
    }

    private static double SoftThreshold(double x, double threshold)
        => x > threshold ? x - threshold : x < -threshold ? x + threshold : 0;

    private static void Axpy(Span<float> y, ReadOnlySpan<float> x, float a)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var yv = MemoryMarshal.Cast<float, Vector<float>>(y);
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var av = new Vector<float>(a);
            for (int k = 0; k < yv.Length; k++)
            {
                yv[k] += av * xv[k];
            }

            i = yv.Length * Vector<float>.Count;
        }

        for (; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private sealed class TargetState
    {
        public List<int> Active { get; } = [];

        public List<double> Weights { get; } = [];
    }
}
