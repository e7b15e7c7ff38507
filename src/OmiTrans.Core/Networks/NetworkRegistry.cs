using System.Text.Json;

namespace OmiTrans.Networks;

/// <summary>The architecture of a network: a registered name and its settings as JSON.</summary>
internal sealed record NetworkSpec(string Name, JsonElement? Settings);

/// <summary>
/// Turns networks into (name, settings) and back, so a model file or a checkpoint can rebuild its network. Built-in
/// networks are mapped explicitly to internal settings records (<see cref="FcGeneratorSettings"/> ...); a custom
/// generator's settings are the JSON of its public properties, restored into the type of the instance the loader is
/// given.
/// </summary>
internal static class NetworkRegistry
{
    private static readonly HashSet<string> BuiltInGenerators = new(StringComparer.Ordinal)
    {
        FullyConnectedGenerator.GeneratorName, UNetGenerator.GeneratorName, FcChromosomeGenerator.GeneratorName, VariationalGenerator.GeneratorName,
        CisGenerator.GeneratorName, ConstantGenerator.GeneratorName, LinearMapGenerator.GeneratorName, TDimputeGenerator.GeneratorName,
        BlendGenerator.GeneratorName,
    };

    public static NetworkSpec Describe(IGenerator generator) => Guard.NotNull(generator) switch
    {
        FullyConnectedGenerator g => Spec(g.Name, new FcGeneratorSettings
        {
            HiddenWidths = [.. g.HiddenWidths],
            DropoutProbability = g.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(g.Normalization),
            LeakyReluSlope = g.LeakyReluSlope,
            RidgeShortcut = g.RidgeShortcut,
        }),
        UNetGenerator g => Spec(g.Name, new UNetGeneratorSettings
        {
            BaseChannels = g.BaseChannels,
            Depth = g.Depth,
            KernelSize = g.KernelSize,
            DropoutProbability = g.DropoutProbability,
            Normalization = NormalizationNames.Conv.Name(g.Normalization),
            LeakyReluSlope = g.LeakyReluSlope,
        }),
        FcChromosomeGenerator g => Spec(g.Name, new FcChromosomeGeneratorSettings
        {
            GroupWidth = g.GroupWidth,
            HiddenWidths = [.. g.HiddenWidths],
            DropoutProbability = g.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(g.Normalization),
            LeakyReluSlope = g.LeakyReluSlope,
        }),
        VariationalGenerator g => Spec(g.Name, new VariationalGeneratorSettings
        {
            EncoderWidths = [.. g.EncoderWidths],
            LatentDimension = g.LatentDimension,
            DecoderWidths = [.. g.DecoderWidths],
            KlWeight = g.KlWeight,
            DropoutProbability = g.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(g.Normalization),
            LeakyReluSlope = g.LeakyReluSlope,
        }),
        CisGenerator g => Spec(g.Name, new CisGeneratorSettings
        {
            NeighbourCount = g.NeighbourCount,
            LocalHiddenWidth = g.LocalHiddenWidth,
            SharedHiddenWidths = [.. g.SharedHiddenWidths],
            DropoutProbability = g.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(g.Normalization),
            LeakyReluSlope = g.LeakyReluSlope,
            RidgeShortcut = g.RidgeShortcut,
        }),
        TDimputeGenerator g => Spec(g.Name, new TDimputeGeneratorSettings { HiddenWidth = g.HiddenWidth }),
        LinearMapGenerator or ConstantGenerator => Spec(generator.Name, new NoSettings()),
        BlendGenerator g => Describe(g.Network) is var inner ? Spec(g.Name, new BlendGeneratorSettings { Network = inner.Name, NetworkSettings = inner.Settings }) : null!,
        _ => Custom(generator.Name, generator),
    };

    public static NetworkSpec Describe(IDiscriminator discriminator) => Guard.NotNull(discriminator) switch
    {
        FullyConnectedDiscriminator d => Spec(d.Name, new FcDiscriminatorSettings
        {
            HiddenWidths = [.. d.HiddenWidths],
            OutputLogits = d.OutputLogits,
            DropoutProbability = d.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(d.Normalization),
            LeakyReluSlope = d.LeakyReluSlope,
        }),
        ConvolutionalDiscriminator d => Spec(d.Name, new ConvolutionalDiscriminatorSettings
        {
            BaseChannels = d.BaseChannels,
            KernelSize = d.KernelSize,
            MaxStages = d.MaxStages,
            PoolFactor = d.PoolFactor,
            DropoutProbability = d.DropoutProbability,
            Normalization = NormalizationNames.Conv.Name(d.Normalization),
            LeakyReluSlope = d.LeakyReluSlope,
        }),
        FcChromosomeDiscriminator d => Spec(d.Name, new FcChromosomeDiscriminatorSettings
        {
            GroupWidth = d.GroupWidth,
            SourceWidth = d.SourceWidth,
            TargetWidths = [.. d.TargetWidths],
            JointWidths = [.. d.JointWidths],
            OutputLogits = d.OutputLogits,
            DropoutProbability = d.DropoutProbability,
            Normalization = NormalizationNames.Feature.Name(d.Normalization),
            LeakyReluSlope = d.LeakyReluSlope,
        }),
        _ => Custom(discriminator.Name, discriminator),
    };

    /// <summary>Rebuilds a generator from its description: a custom one given in <paramref name="custom"/> first, then the built-in ones.</summary>
    /// <exception cref="InvalidDataException">The settings cannot be read, or the generator is neither given nor built in.</exception>
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

        if (!BuiltInGenerators.Contains(spec.Name))
        {
            throw new InvalidDataException(
                $"{origin}: the model uses the generator '{spec.Name}', which is not built in. Pass an IGenerator named '{spec.Name}' in ModelLoadOptions.CustomGenerators.");
        }

        string field = $"the settings of generator '{spec.Name}'";
        IGenerator generator = spec.Name switch
        {
            FullyConnectedGenerator.GeneratorName => Read<FcGeneratorSettings>(spec, origin) is var s ? new FullyConnectedGenerator
            {
                HiddenWidths = s.HiddenWidths,
                DropoutProbability = s.DropoutProbability,
                Normalization = NormalizationNames.Feature.Parse(s.Normalization, origin, field),
                LeakyReluSlope = s.LeakyReluSlope,
                RidgeShortcut = s.RidgeShortcut,
            } : null!,
            UNetGenerator.GeneratorName => Read<UNetGeneratorSettings>(spec, origin) is var s ? new UNetGenerator
            {
                BaseChannels = s.BaseChannels,
                Depth = s.Depth,
                KernelSize = s.KernelSize,
                DropoutProbability = s.DropoutProbability,
                Normalization = NormalizationNames.Conv.Parse(s.Normalization, origin, field),
                LeakyReluSlope = s.LeakyReluSlope,
            } : null!,
            FcChromosomeGenerator.GeneratorName => Read<FcChromosomeGeneratorSettings>(spec, origin) is var s ? new FcChromosomeGenerator
            {
                GroupWidth = s.GroupWidth,
                HiddenWidths = s.HiddenWidths,
                DropoutProbability = s.DropoutProbability,
                Normalization = NormalizationNames.Feature.Parse(s.Normalization, origin, field),
                LeakyReluSlope = s.LeakyReluSlope,
            } : null!,
            VariationalGenerator.GeneratorName => Read<VariationalGeneratorSettings>(spec, origin) is var s ? new VariationalGenerator
            {
                EncoderWidths = s.EncoderWidths,
                LatentDimension = s.LatentDimension,
                DecoderWidths = s.DecoderWidths,
                KlWeight = s.KlWeight,
                DropoutProbability = s.DropoutProbability,
                Normalization = NormalizationNames.Feature.Parse(s.Normalization, origin, field),
                LeakyReluSlope = s.LeakyReluSlope,
            } : null!,
            CisGenerator.GeneratorName => Read<CisGeneratorSettings>(spec, origin) is var s ? new CisGenerator
            {
                NeighbourCount = s.NeighbourCount,
                LocalHiddenWidth = s.LocalHiddenWidth,
                SharedHiddenWidths = s.SharedHiddenWidths,
                DropoutProbability = s.DropoutProbability,
                Normalization = NormalizationNames.Feature.Parse(s.Normalization, origin, field),
                LeakyReluSlope = s.LeakyReluSlope,
                RidgeShortcut = s.RidgeShortcut,
            } : null!,
            TDimputeGenerator.GeneratorName => new TDimputeGenerator { HiddenWidth = Read<TDimputeGeneratorSettings>(spec, origin).HiddenWidth },
            LinearMapGenerator.GeneratorName => new LinearMapGenerator(),
            BlendGenerator.GeneratorName => Read<BlendGeneratorSettings>(spec, origin) is var s ? new BlendGenerator
            {
                Network = s.Network == BlendGenerator.GeneratorName
                    ? throw new InvalidDataException($"{origin}: {field} nest another '{BlendGenerator.GeneratorName}'.")
                    : Resolve(new NetworkSpec(s.Network, s.NetworkSettings), custom, origin),
            } : null!,
            _ => new ConstantGenerator(),
        };

        if (generator is IValidatableNetwork validatable && validatable.Validate().FirstOrDefault() is { } problem)
        {
            throw new InvalidDataException($"{origin}: {field} are invalid: {problem}");
        }

        return generator;
    }

    private static NetworkSpec Spec<T>(string name, T settings) => new(name, JsonSerializer.SerializeToElement(settings, Json.Options));

    private static T Read<T>(NetworkSpec spec, string origin)
        where T : new()
    {
        if (spec.Settings is not { } settings || settings.ValueKind == JsonValueKind.Null)
        {
            return new T();
        }

        try
        {
            return settings.Deserialize<T>(Json.Options) ?? new T();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidDataException($"{origin}: the settings of generator '{spec.Name}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A custom network's name and settings: the JSON of its public properties (a network whose properties cannot be
    /// written as JSON is described by its name only).
    /// </summary>
    private static NetworkSpec Custom(string name, object network)
    {
        try
        {
            return new NetworkSpec(name, JsonSerializer.SerializeToElement(network, network.GetType(), Json.Options));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return new NetworkSpec(name, null);
        }
    }
}
