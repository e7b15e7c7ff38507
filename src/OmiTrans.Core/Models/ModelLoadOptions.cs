
namespace OmiTrans.Models;

/// <summary>How a saved model is loaded.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Default options: CPU, built-in generators only.</summary>
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>Where the loaded generator runs.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>
    /// Custom generators whose architecture a saved model may use, matched by <see cref="IGenerator.Name"/>.
    /// Built-in generators need not be listed.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<IGenerator> CustomGenerators { get; init; } = [];
}
