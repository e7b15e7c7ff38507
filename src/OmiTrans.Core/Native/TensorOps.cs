using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Native;

/// <summary>
/// Replacements for TorchSharp members that create an unheld <see cref="Scalar"/> internally (reported by the
/// repository's analyzer, rule OMT0004): the same libtorch operations, with their constants held.
/// </summary>
internal static class TensorOps
{
    /// <summary><c>a + b</c> (TorchSharp's operator passes an unheld alpha of 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, HeldScalars.One);

    /// <summary><c>a += b</c> in place (TorchSharp's <c>add_(Tensor)</c> passes an unheld alpha of 1).</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, HeldScalars.One);

    /// <summary>The element-wise square (TorchSharp's <c>square()</c> calls <c>pow</c> with an unheld 2).</summary>
    public static Tensor Squared(this Tensor x) => x.mul(x);

    /// <summary>LeakyReLU with a held slope (TorchSharp's functional form converts its double slope).</summary>
    public static Tensor LeakyRelu(this Tensor x, Scalar slope, bool inPlace = false) =>
        inPlace ? x.leaky_relu_(slope) : x.leaky_relu(slope);
}
