namespace OmiTrans.Networks.Modules;

/// <summary>
/// A generator body that can sit behind a <see cref="RidgeShortcutModule"/>: it can zero its output layer, so that the
/// untrained generator is exactly the shortcut's linear map and the body learns only what that map misses.
/// </summary>
internal interface IResidualBody
{
    /// <summary>Sets the output layer's weights and biases to zero.</summary>
    void ZeroOutput();
}
