using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// What a generator may use to set parts of a new network from the data before training (see
/// <see cref="IGenerator.InitializeFromData"/>): the scaled training (and validation) tensors on the training device,
/// and the library's validated ridge solution.
/// </summary>
public sealed class GeneratorInitialization
{
    private readonly Action<Tensor, Tensor, CancellationToken> _fitRidge;

    internal GeneratorInitialization(Tensor trainSource, Tensor trainTarget, bool hasValidation, Action<Tensor, Tensor, CancellationToken> fitRidge, CancellationToken cancellationToken)
    {
        TrainSource = trainSource;
        TrainTarget = trainTarget;
        HasValidation = hasValidation;
        _fitRidge = fitRidge;
        CancellationToken = cancellationToken;
    }

    /// <summary>The preprocessed training source values, [samples, source features], on the training device. Read only.</summary>
    public Tensor TrainSource { get; }

    /// <summary>The preprocessed training target values, [samples, target features], on the training device. Read only.</summary>
    public Tensor TrainTarget { get; }

    /// <summary>Whether the split has validation samples (the ridge penalty is chosen on them when it has).</summary>
    public bool HasValidation { get; }

    /// <summary>Stops a long initialisation.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Writes the ridge regression of the training targets on the training sources into <paramref name="weight"/>
    /// [target features, source features] and <paramref name="bias"/> [target features], with the penalty that
    /// validates best (the ridge baseline's grid and selection metric): the same map as <c>RidgeBaseline</c>.
    /// </summary>
    /// <param name="weight">The map's weight, overwritten in place.</param>
    /// <param name="bias">The map's bias, overwritten in place.</param>
    public void FitRidgeInto(Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        _fitRidge(weight, bias, CancellationToken);
    }
}
