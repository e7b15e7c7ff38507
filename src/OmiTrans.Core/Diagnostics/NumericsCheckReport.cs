namespace OmiTrans.Diagnostics;

/// <summary>What <see cref="NumericsCheck.Run"/> found on this machine.</summary>
/// <param name="Results">Every layer and network compared with its float64 reference.</param>
/// <param name="LibtorchConvolutionGradientCorrect">
/// Whether libtorch's own Conv1d input gradient is right on the known-bad case (kernel [1, 10, 100], padding 1,
/// length 8, one-hot output gradient). OmiTrans does not use libtorch's convolution kernels; this says whether other
/// TorchSharp code on this machine can trust them.
/// </param>
/// <param name="LibtorchConvolutionGradient">The input gradient libtorch's Conv1d returned there (exact: 0 0 1 10 100 0 0 0).</param>
/// <param name="Seconds">How long the check took.</param>
public sealed record NumericsCheckReport(
    IReadOnlyList<NumericsCheckResult> Results,
    bool LibtorchConvolutionGradientCorrect,
    IReadOnlyList<float> LibtorchConvolutionGradient,
    double Seconds)
{
    /// <summary>Whether every computation OmiTrans uses matched its reference.</summary>
    public bool Passed => Results.All(r => r.Passed);
}
