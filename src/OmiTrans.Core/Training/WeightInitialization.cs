namespace OmiTrans.Training;

/// <summary>How Linear and convolution weights are initialised before training (biases start at zero).</summary>
public enum WeightInitialization
{
    /// <summary>Normal with mean 0 and standard deviation = the gain (the paper: 0.02).</summary>
    Normal,

    /// <summary>Xavier (Glorot) normal, scaled by the gain.</summary>
    Xavier,

    /// <summary>Kaiming (He) normal for the LeakyReLU slope of the network (fan-in mode); the gain is not used.</summary>
    Kaiming,

    /// <summary>A (semi-)orthogonal matrix scaled by the gain.</summary>
    Orthogonal,

    /// <summary>Keep TorchSharp's default initialisation of each layer.</summary>
    Default,
}
