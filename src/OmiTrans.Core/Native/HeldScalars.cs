using System.Collections.Concurrent;
using TorchSharp;

namespace OmiTrans.Native;

/// <summary>
/// TorchSharp <see cref="Scalar"/>s that live as long as the process, for constants passed to native calls.
/// </summary>
/// <remarks>
/// A <see cref="Scalar"/> owns native memory that its finalizer frees. One created for a single call (an implicit
/// conversion such as <c>x.add(y, alpha: 0.5)</c>) becomes unreachable as soon as the callee has read its handle, so
/// the garbage collector may free it while libtorch still reads it. The values here are rooted in static fields, so
/// they are never finalized; values that vary from call to call are created with <c>ToScalar()</c> in a <c>using</c>
/// local instead (the repository's analyzer enforces both, docs/native-safety.md).
/// </remarks>
internal static class HeldScalars
{
    private static readonly ConcurrentDictionary<long, Scalar> Cache = new();

    /// <summary>1 as a float64 scalar (the alpha of an addition).</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>0 as a float64 scalar.</summary>
    public static readonly Scalar Zero = 0.0.ToScalar();

    /// <summary>1 as an int64 scalar (counters).</summary>
    public static readonly Scalar OneInt64 = 1L.ToScalar();

    /// <summary>2 as a float64 scalar (squares).</summary>
    public static readonly Scalar Two = 2.0.ToScalar();

    /// <summary>+∞ as a float64 scalar.</summary>
    public static readonly Scalar PositiveInfinity = double.PositiveInfinity.ToScalar();

    /// <summary>−∞ as a float64 scalar.</summary>
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    /// <summary>NaN as a float64 scalar.</summary>
    public static readonly Scalar NaN = double.NaN.ToScalar();

    /// <summary>
    /// A process-lifetime float64 scalar for a constant that comes from settings (a slope, a dropout probability, a
    /// loss weight): a bounded set of values. Never use it for values computed per step; hold those in a
    /// <c>using</c> local.
    /// </summary>
    [ReturnsHeldScalar]
    public static Scalar Constant(double value) =>
        Cache.GetOrAdd(BitConverter.DoubleToInt64Bits(value), static bits => BitConverter.Int64BitsToDouble(bits).ToScalar());
}
