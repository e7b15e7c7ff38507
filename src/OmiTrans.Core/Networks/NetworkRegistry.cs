using System.Text.Json;

namespace OmiTrans.Networks;

/// <summary>The architecture of a network: a registered name and its settings as JSON.</summary>
internal sealed record NetworkSpec(string Name, JsonElement? Settings);

/// <summary>Turns built-in networks into (name, settings) and back, so a model file can rebuild its network.</summary>
internal static class NetworkRegistry
{
    private static readonly Dictionary<string, Type> BuiltInGenerators = new(StringComparer.Ordinal)
    {
        [FullyConnectedGenerator.GeneratorName] = typeof(FullyConnectedGenerator),
        [UNetGenerator.GeneratorName] = typeof(UNetGenerator),
        [FcChromosomeGenerator.GeneratorName] = typeof(FcChromosomeGenerator),
        [VariationalGenerator.GeneratorName] = typeof(VariationalGenerator),
        [CisGenerator.GeneratorName] = typeof(CisGenerator),
        [ConstantGenerator.GeneratorName] = typeof(ConstantGenerator),
        [LinearMapGenerator.GeneratorName] = typeof(LinearMapGenerator),
        [TDimputeGenerator.GeneratorName] = typeof(TDimputeGenerator),
    };

    private static readonly Dictionary<string, Type> BuiltInDiscriminators = new(StringComparer.Ordinal)
    {
        [FullyConnectedDiscriminator.DiscriminatorName] = typeof(FullyConnectedDiscriminator),
        [ConvolutionalDiscriminator.DiscriminatorName] = typeof(ConvolutionalDiscriminator),
        [FcChromosomeDiscriminator.DiscriminatorName] = typeof(FcChromosomeDiscriminator),
    };

    public static NetworkSpec Describe(IGenerator generator) => Describe(generator.Name, generator, BuiltInGenerators);

    public static NetworkSpec Describe(IDiscriminator discriminator) => Describe(discriminator.Name, discriminator, BuiltInDiscriminators);

    public static IGenerator Resolve(NetworkSpec spec, IReadOnlyList<IGenerator> custom, string origin)
    {
        var match = custom.FirstOrDefault(g => string.Equals(g.Name, spec.Name, StringComparison.Ordinal));
        if (match is not null)
        {
            // The saved settings, restored into the type of the instance given: the network is rebuilt as it was trained,
            // whatever settings the instance passed to the loader happens to have.
            if (spec.Settings is not { } saved)
            {
                return match;
            }

            try
            {
                return (IGenerator)(saved.Deserialize(match.GetType(), Json.Options)
                    ?? throw new InvalidDataException($"{origin}: the saved settings of generator '{spec.Name}' are empty."));
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidCastException)
            {
                throw new InvalidDataException($"{origin}: the saved settings of generator '{spec.Name}' cannot be read into {match.GetType().Name}: {ex.Message}", ex);
            }
        }

        if (BuiltInGenerators.TryGetValue(spec.Name, out var type) && spec.Settings is { } settings)
        {
            try
            {
                return (IGenerator)(settings.Deserialize(type, Json.Options)
                    ?? throw new InvalidDataException($"{origin}: the settings of generator '{spec.Name}' are empty."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{origin}: the settings of generator '{spec.Name}' cannot be read: {ex.Message}", ex);
            }
        }

        throw new InvalidDataException(
            $"{origin}: the model uses the generator '{spec.Name}', which is not built in. Pass an IGenerator named '{spec.Name}' in ModelLoadOptions.CustomGenerators.");
    }

    /// <summary>
    /// The network's name and its settings: the JSON of its public properties (built-in and custom alike; a custom
    /// network whose properties cannot be written as JSON is described by its name only).
    /// </summary>
    private static NetworkSpec Describe(string name, object network, Dictionary<string, Type> builtIn)
    {
        var type = builtIn.TryGetValue(name, out var known) && known == network.GetType() ? known : network.GetType();
        try
        {
            return new NetworkSpec(name, JsonSerializer.SerializeToElement(network, type, Json.Options));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return new NetworkSpec(name, null);
        }
    }
}
