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
            return match;
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

    private static NetworkSpec Describe(string name, object network, Dictionary<string, Type> builtIn)
        => builtIn.TryGetValue(name, out var type) && type == network.GetType()
            ? new NetworkSpec(name, JsonSerializer.SerializeToElement(network, type, Json.Options))
            : new NetworkSpec(name, null);
}
