namespace OmiTrans.Networks;

/// <summary>Checks shared by the built-in network settings.</summary>
internal static class NetworkChecks
{
    public static IEnumerable<string> FullyConnected(string owner, IReadOnlyList<int>? widths, double dropout, double slope, FeatureNormalization normalization, bool allowEmpty)
    {
        if (widths is null)
        {
            yield return $"{owner}.HiddenWidths must not be null.";
        }
        else
        {
            if (!allowEmpty && widths.Count == 0)
            {
                yield return $"{owner}.HiddenWidths must list at least one width.";
            }

            for (int i = 0; i < widths.Count; i++)
            {
                if (widths[i] < 1)
                {
                    yield return $"{owner}.HiddenWidths[{i}] must be at least 1, got {widths[i]}.";
                }
            }
        }

        foreach (var message in Dropout(owner, dropout))
        {
            yield return message;
        }

        if (!(slope >= 0 && slope < 1))
        {
            yield return $"{owner}.LeakyReluSlope must be in [0, 1), got {slope}.";
        }

        if (!Enum.IsDefined(normalization))
        {
            yield return $"{owner}.Normalization {(int)normalization} is not a known normalisation.";
        }
    }

    public static IEnumerable<string> Dropout(string owner, double dropout)
    {
        if (!(dropout >= 0 && dropout < 1))
        {
            yield return $"{owner}.DropoutProbability must be in [0, 1), got {dropout}.";
        }
    }
}
