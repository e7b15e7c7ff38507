namespace OmiTrans.Networks;

// The settings of the built-in networks as files record them (model files, checkpoints): internal records mapped
// explicitly, field by field, to and from the public network records, so that the public records may change without
// changing a file. Field names are those version 1 model files used (the camelCase JSON of the public properties);
// a field missing from a file takes the value it had before the field existed. Adding a field: give it that default.

/// <summary>The file names of <see cref="FeatureNormalization"/> and <see cref="ConvNormalization"/>.</summary>
internal static class NormalizationNames
{
    public static EnumNames<FeatureNormalization> Feature { get; } = new(
        (FeatureNormalization.PerSample, "perSample"),
        (FeatureNormalization.LayerNorm, "layerNorm"),
        (FeatureNormalization.BatchNorm, "batchNorm"),
        (FeatureNormalization.None, "none"));

    public static EnumNames<ConvNormalization> Conv { get; } = new(
        (ConvNormalization.BatchNorm, "batchNorm"),
        (ConvNormalization.InstanceNorm, "instanceNorm"),
        (ConvNormalization.None, "none"));
}

/// <summary>Settings of the <c>fc</c> generator.</summary>
internal sealed record FcGeneratorSettings
{
    public int[] HiddenWidths { get; init; } = [1024, 256, 1024];

    public double DropoutProbability { get; init; } = 0.2;

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;

    public bool RidgeShortcut { get; init; }
}

/// <summary>Settings of the <c>unet</c> generator.</summary>
internal sealed record UNetGeneratorSettings
{
    public int BaseChannels { get; init; } = 64;

    public int Depth { get; init; } = 4;

    public int KernelSize { get; init; } = 9;

    public double DropoutProbability { get; init; } = 0.2;

    public string Normalization { get; init; } = "batchNorm";

    public double LeakyReluSlope { get; init; } = 0.2;
}

/// <summary>Settings of the <c>fc-chromosome</c> generator.</summary>
internal sealed record FcChromosomeGeneratorSettings
{
    public int GroupWidth { get; init; } = 256;

    public int[] HiddenWidths { get; init; } = [1024, 512, 256, 512, 1024, 2048];

    public double DropoutProbability { get; init; } = 0.2;

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;
}

/// <summary>Settings of the <c>ved</c> generator.</summary>
internal sealed record VariationalGeneratorSettings
{
    public int[] EncoderWidths { get; init; } = [1024, 512];

    public int LatentDimension { get; init; } = 256;

    public int[] DecoderWidths { get; init; } = [512, 1024];

    public double KlWeight { get; init; } = 1.0;

    public double DropoutProbability { get; init; } = 0.2;

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;
}

/// <summary>Settings of the <c>cis</c> generator.</summary>
internal sealed record CisGeneratorSettings
{
    public int NeighbourCount { get; init; } = 8;

    public int LocalHiddenWidth { get; init; } = 8;

    public int[] SharedHiddenWidths { get; init; } = [64];

    public double DropoutProbability { get; init; } = 0.2;

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;

    public bool RidgeShortcut { get; init; }
}

/// <summary>Settings of the <c>tdimpute</c> generator.</summary>
internal sealed record TDimputeGeneratorSettings
{
    public int HiddenWidth { get; init; } = 4000;
}

/// <summary>Settings of the <c>linear</c> and <c>constant</c> generators (none).</summary>
internal sealed record NoSettings;

/// <summary>Settings of the <c>cv-blend</c> model kind: the blended network's own name and settings.</summary>
internal sealed record BlendGeneratorSettings
{
    public string Network { get; init; } = "";

    public System.Text.Json.JsonElement? NetworkSettings { get; init; }
}

/// <summary>Settings of the <c>fc</c> discriminator.</summary>
internal sealed record FcDiscriminatorSettings
{
    public int[] HiddenWidths { get; init; } = [128, 64, 32];

    public int OutputLogits { get; init; } = 16;

    public double DropoutProbability { get; init; }

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;
}

/// <summary>Settings of the <c>cnn</c> discriminator.</summary>
internal sealed record ConvolutionalDiscriminatorSettings
{
    public int BaseChannels { get; init; } = 64;

    public int KernelSize { get; init; } = 9;

    public int MaxStages { get; init; } = 3;

    public int PoolFactor { get; init; } = 4;

    public double DropoutProbability { get; init; }

    public string Normalization { get; init; } = "batchNorm";

    public double LeakyReluSlope { get; init; } = 0.2;
}

/// <summary>Settings of the <c>fc-chromosome</c> discriminator.</summary>
internal sealed record FcChromosomeDiscriminatorSettings
{
    public int GroupWidth { get; init; } = 16;

    public int SourceWidth { get; init; } = 64;

    public int[] TargetWidths { get; init; } = [128, 64];

    public int[] JointWidths { get; init; } = [32];

    public int OutputLogits { get; init; } = 16;

    public double DropoutProbability { get; init; }

    public string Normalization { get; init; } = "perSample";

    public double LeakyReluSlope { get; init; } = 0.2;
}
