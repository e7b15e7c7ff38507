namespace OmiTrans.Diagnostics;

/// <summary>One comparison of a float32 computation on this machine against its float64 reference.</summary>
/// <param name="Name">What was computed, for example <c>conv1d 64→128 k9 (U-Net)</c>.</param>
/// <param name="Shape">The input shape, for example <c>[5, 64, 48]</c>.</param>
/// <param name="OutputError">Largest absolute difference of the outputs, relative to the reference's largest magnitude.</param>
/// <param name="InputGradientError">The same for the gradient with respect to the input.</param>
/// <param name="WeightGradientError">The same for the gradient with respect to the weights (NaN when there are none).</param>
/// <param name="Tolerance">The largest relative error accepted.</param>
public sealed record NumericsCheckResult(string Name, string Shape, double OutputError, double InputGradientError, double WeightGradientError, double Tolerance)
{
    /// <summary>Whether every error is finite and within the tolerance.</summary>
    public bool Passed => Within(OutputError) && Within(InputGradientError) && (double.IsNaN(WeightGradientError) || Within(WeightGradientError));

    private bool Within(double error) => double.IsFinite(error) && error <= Tolerance;
}
