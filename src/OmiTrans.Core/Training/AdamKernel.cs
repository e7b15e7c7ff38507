using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Adam's update for one float32 parameter in main memory, in a single pass over its four arrays (parameter, gradient,
/// first and second moment): each element is read once and written once, which is the least memory traffic the update
/// can have (28 bytes per parameter). libtorch needs one pass per element-wise operation; even chunked to stay in cache
/// those passes took 29–35 ms per step on a 25 M-parameter generator, this takes 14 ms (docs/performance.md).
/// With mixed precision it reads the bfloat16 gradient and writes the bfloat16 copy the products use in the same pass,
/// so neither a gradient cast nor a weight cast is left in the training step.
/// </summary>
internal static class AdamKernel
{
    /// <summary>
    /// Whether <see cref="Apply(Tensor, Tensor, Tensor, Tensor, double, double, double, double, double, Tensor?)"/> can
    /// update these tensors in place: all on the CPU and contiguous, with the same number of elements (few enough for a
    /// span); parameter and moments float32; the gradient float32, or bfloat16 when a bfloat16 copy is kept.
    /// </summary>
    public static bool Supports(Tensor parameter, Tensor grad, Tensor average, Tensor squares, Tensor? copy = null)
    {
        long count = parameter.numel();
        var gradType = copy is null ? ScalarType.Float32 : ScalarType.BFloat16;
        return count <= int.MaxValue / sizeof(float)
            && Fits(parameter, ScalarType.Float32) && Fits(average, ScalarType.Float32) && Fits(squares, ScalarType.Float32)
            && Fits(grad, gradType) && (copy is null || Fits(copy, ScalarType.BFloat16));

        bool Fits(Tensor t, ScalarType type) => t.device_type == DeviceType.CPU && t.dtype == type && t.is_contiguous() && t.numel() == count;
    }

    /// <summary>
    /// One Adam step: m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← decay·p + stepSize · m / (√v + ε).
    /// </summary>
    /// <param name="parameter">The parameter's data (not tracked by autograd).</param>
    /// <param name="grad">The gradient.</param>
    /// <param name="average">The first moment (exp_avg).</param>
    /// <param name="squares">The second moment (exp_avg_sq).</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="stepSize">The signed step, −lr·√(1 − β2ᵗ)/(1 − β1ᵗ).</param>
    /// <param name="epsilon">ε·√(1 − β2ᵗ).</param>
    /// <param name="decay">1 − lr·(decoupled weight decay), or 1.</param>
    /// <param name="copy">
    /// The parameter's bfloat16 copy used by mixed-precision products, or null: with a copy the gradient is the copy's
    /// (bfloat16) and the updated parameter is also written into the copy, rounded to nearest even as a cast would.
    /// </param>
    public static void Apply(Tensor parameter, Tensor grad, Tensor average, Tensor squares, double beta1, double beta2, double stepSize, double epsilon, double decay, Tensor? copy = null)
    {
        var step = new Step((float)beta1, (float)beta2, (float)stepSize, (float)epsilon, (float)decay);
        int count = (int)parameter.numel();
        int parts = count >= ParallelThreshold ? Math.Max(1, torch.get_num_threads()) : 1;
        if (parts == 1)
        {
            Apply(parameter, grad, average, squares, copy, step, 0, count);
            return;
        }

        // Contiguous ranges, each a whole number of vectors, one per libtorch thread (the second core helps once the
        // bfloat16 conversions make the pass partly compute-bound).
        int size = ((count / parts) + Vector<ushort>.Count - 1) / Vector<ushort>.Count * Vector<ushort>.Count;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int start = Math.Min(count, part * size);
            Apply(parameter, grad, average, squares, copy, step, start, Math.Min(size, count - start));
        });
    }

    /// <summary>Elements from which the update is split over threads.</summary>
    private const int ParallelThreshold = 1 << 20;

    private static void Apply(Tensor parameter, Tensor grad, Tensor average, Tensor squares, Tensor? copy, Step step, int start, int length)
    {
        if (copy is null)
        {
            Apply(Floats(parameter).Slice(start, length), Floats(grad).Slice(start, length), Floats(average).Slice(start, length), Floats(squares).Slice(start, length), step);
        }
        else
        {
            Apply(Floats(parameter).Slice(start, length), Halves(grad).Slice(start, length), Floats(average).Slice(start, length), Floats(squares).Slice(start, length), Halves(copy).Slice(start, length), step);
        }
    }

    /// <summary>The update with a float32 gradient, on spans (the tensors' memory).</summary>
    private static void Apply(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Step step)
    {
        var pv = MemoryMarshal.Cast<float, Vector<float>>(p);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g);
        var mv = MemoryMarshal.Cast<float, Vector<float>>(m);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
        var vectors = new VectorStep(step);
        for (int k = 0; k < pv.Length; k++)
        {
            pv[k] = vectors.Update(pv[k], gv[k], ref mv[k], ref vv[k]);
        }

        for (int i = pv.Length * Vector<float>.Count; i < p.Length; i++)
        {
            p[i] = step.Update(p[i], g[i], ref m[i], ref v[i]);
        }
    }

    /// <summary>The update with a bfloat16 gradient, writing the parameter also into its bfloat16 copy.</summary>
    private static void Apply(Span<float> p, ReadOnlySpan<ushort> g, Span<float> m, Span<float> v, Span<ushort> copy, Step step)
    {
        // Vector<ushort> holds two Vector<float>s' worth of elements: widen, update both halves, narrow.
        int width = Vector<ushort>.Count;
        int vectorised = p.Length / width * width;
        var pv = MemoryMarshal.Cast<float, Vector<float>>(p[..vectorised]);
        var mv = MemoryMarshal.Cast<float, Vector<float>>(m[..vectorised]);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v[..vectorised]);
        var gv = MemoryMarshal.Cast<ushort, Vector<ushort>>(g[..vectorised]);
        var cv = MemoryMarshal.Cast<ushort, Vector<ushort>>(copy[..vectorised]);
        var vectors = new VectorStep(step);
        for (int k = 0; k < gv.Length; k++)
        {
            Vector.Widen(gv[k], out var lowBits, out var highBits);
            int a = 2 * k;
            int b = a + 1;
            var low = pv[a] = vectors.Update(pv[a], Vector.AsVectorSingle(lowBits << 16), ref mv[a], ref vv[a]);
            var high = pv[b] = vectors.Update(pv[b], Vector.AsVectorSingle(highBits << 16), ref mv[b], ref vv[b]);
            cv[k] = Vector.Narrow(ToBFloat16Bits(low), ToBFloat16Bits(high));
        }

        for (int i = vectorised; i < p.Length; i++)
        {
            p[i] = step.Update(p[i], BitConverter.Int32BitsToSingle(g[i] << 16), ref m[i], ref v[i]);
            copy[i] = ToBFloat16Bits(p[i]);
        }
    }

    /// <summary>float32 → bfloat16 bits (in the low half) rounded to nearest even, NaN kept as NaN: libtorch's cast.</summary>
    internal static Vector<uint> ToBFloat16Bits(Vector<float> values)
    {
        var bits = Vector.AsVectorUInt32(values);
        var rounded = (bits + new Vector<uint>(0x7FFF) + ((bits >> 16) & Vector<uint>.One)) >> 16;
        return Vector.ConditionalSelect(Vector.AsVectorUInt32(Vector.Equals(values, values)), rounded, new Vector<uint>(0x7FC0));
    }

    /// <summary>float32 → bfloat16 bits, one value (as <see cref="ToBFloat16Bits(Vector{float})"/>).</summary>
    internal static ushort ToBFloat16Bits(float value)
    {
        if (float.IsNaN(value))
        {
            return 0x7FC0;
        }

        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    private static Span<ushort> Halves(Tensor tensor) => MemoryMarshal.Cast<byte, ushort>(tensor.bytes);

    /// <summary>The step's constants, and the update of one element.</summary>
    private readonly record struct Step(float Beta1, float Beta2, float StepSize, float Epsilon, float Decay)
    {
        public float Update(float p, float g, ref float m, ref float v)
        {
            m = (m * Beta1) + (g * (1 - Beta1));
            v = (v * Beta2) + (g * g * (1 - Beta2));
            return (p * Decay) + (StepSize * m / (MathF.Sqrt(v) + Epsilon));
        }
    }

    /// <summary>The step's constants as vectors, and the update of one vector of elements.</summary>
    private readonly struct VectorStep(Step step)
    {
        private readonly Vector<float> _beta1 = new(step.Beta1);
        private readonly Vector<float> _beta1Complement = new(1 - step.Beta1);
        private readonly Vector<float> _beta2 = new(step.Beta2);
        private readonly Vector<float> _beta2Complement = new(1 - step.Beta2);
        private readonly Vector<float> _stepSize = new(step.StepSize);
        private readonly Vector<float> _epsilon = new(step.Epsilon);
        private readonly Vector<float> _decay = new(step.Decay);

        public Vector<float> Update(Vector<float> p, Vector<float> g, ref Vector<float> m, ref Vector<float> v)
        {
            m = (m * _beta1) + (g * _beta1Complement);
            v = (v * _beta2) + (g * g * _beta2Complement);
            return (p * _decay) + (_stepSize * m / (Vector.SquareRoot(v) + _epsilon));
        }
    }

    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
