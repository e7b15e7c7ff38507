namespace OmiTrans.Baselines;

/// <summary>Settings shared by the baselines: the preprocessing (the same as OmiTrans', for a fair comparison) and the device.</summary>
public sealed record BaselineOptions
{
    /// <summary>The preprocessing, fitted on the training samples.</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The device.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;
}
