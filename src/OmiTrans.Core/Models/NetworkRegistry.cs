using System.Text.Json;
using OmiTrans.Baselines;
using OmiTrans.Internal;
using OmiTrans.Networks;

namespace OmiTrans.Models;

/// <summary>Turns built-in generators into (name, settings) and back, so a model file can rebuild its network.</summary>
internal static class NetworkRegistry
{
    private static readonly Dictionary<string, Type> BuiltIn = new(StringComparer.Ordinal)
    {
        [FullyConnectedGenerator.GeneratorName] = typeof(FullyConnectedGenerator),
        [ConstantGenerator.GeneratorName] = typeof(ConstantGenerator),
        [LinearMapGenerator.GeneratorName] = typeof(LinearMapGenerator),
    };

    public static NetworkSpec Describe(IGenerator generator)
    {
        if (BuiltIn.TryGetValue(generator.Name, out var type) && type == generator.GetType())
        {
            return new NetworkSpec(generator.Name, JsonSerializer.SerializeToElement(generator, type, Json.Options));
        }

        return new NetworkSpec(generator.Name, null);
    }

    public static NetworkSpec Describe(IDiscriminator discriminator)
        => new(discriminator.Name, discriminator is FullyConnectedDiscriminator ? JsonSerializer.SerializeToElement(discriminator, discriminator.GetType(), Json.Options) : null);

    public static IGenerator Resolve(NetworkSpec spec, IReadOnlyList<IGenerator> custom, string origin)
    {
        var match = custom.FirstOrDefault(g => string.Equals(g.Name, spec.Name, StringComparison.Ordinal));
        if (match is not null)
        {
            return match;
        }

        if (BuiltIn.TryGetValue(spec.Name, out var type) && spec.Settings is { } settings)
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
}
