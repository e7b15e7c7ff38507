namespace OmiTrans.Networks;

/// <summary>Checks shared by the built-in network settings; each returns one message per problem.</summary>
internal static class NetworkChecks
{
    public static IEnumerable<string> FullyConnected(string owner, IReadOnlyList<int>? widths, double dropout, double slope, FeatureNormalization normalization)
        => Widths(owner, "HiddenWidths", widths).Concat(Common(owner, dropout, slope)).Concat(Defined(owner, "Normalization", normalization));

    public static IEnumerable<string> Convolutional(string owner, int baseChannels, int kernelSize, double dropout, double slope, ConvNormalization normalization)
    {
        if (baseChannels < 1)
        {
            yield return $"{owner}.BaseChannels must be at least 1, got {baseChannels}.";
        }

        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            yield return $"{owner}.KernelSize must be a positive odd number, got {kernelSize}.";
        }

        foreach (var message in Common(owner, dropout, slope).Concat(Defined(owner, "Normalization", normalization)))
        {
            yield return message;
        }
    }

    public static IEnumerable<string> Widths(string owner, string property, IReadOnlyList<int>? widths)
    {
        if (widths is null)
        {
            yield return $"{owner}.{property} must not be null.";
            yield break;
        }

        for (int i = 0; i < widths.Count; i++)
        {
            if (widths[i] < 1)
            {
                yield return $"{owner}.{property}[{i}] must be at least 1, got {widths[i]}.";
            }
        }
    }

    public static IEnumerable<string> Common(string owner, double dropout, double slope)
    {
        if (!(dropout >= 0 && dropout < 1))
        {
            yield return $"{owner}.DropoutProbability must be in [0, 1), got {dropout}.";
        }

        if (!(slope >= 0 && slope < 1))
        {
            yield return $"{owner}.LeakyReluSlope must be in [0, 1), got {slope}.";
        }
    }

    public static IEnumerable<string> Defined<T>(string owner, string property, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            yield return $"{owner}.{property} {value} is not a known value.";
        }
    }

    public static IEnumerable<string> AtLeastOne(string owner, string property, int value)
    {
        if (value < 1)
        {
            yield return $"{owner}.{property} must be at least 1, got {value}.";
        }
    }
}
