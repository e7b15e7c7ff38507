namespace OmiTrans.Locations;

/// <summary>Orders features by chromosome (1 to 22, X, Y) and position; features without a usable location go last.</summary>
internal static class FeatureOrdering
{
    /// <summary>Orders the features of a table by the locations of a location table.</summary>
    /// <param name="featureIds">The features, in their current order.</param>
    /// <param name="table">The location table.</param>
    /// <param name="featuresOrigin">Where the features come from (the omics table), for messages.</param>
    /// <exception cref="OmicsSchemaException">The location table lists no feature, or none of the features.</exception>
    public static (int[] Order, FeatureOrderingReport Report) Order(IReadOnlyList<string> featureIds, LocationTable table, string featuresOrigin)
    {
        int listed = table.IdCount;
        if (listed == 0)
        {
            throw new OmicsSchemaException($"{table.Origin}: the location table lists no features.");
        }

        var features = new HashSet<string>(featureIds, StringComparer.Ordinal);
        int matched = table.Ids.Count(features.Contains);
        if (matched == 0)
        {
            throw new OmicsSchemaException(
                $"{table.Origin}: none of the {listed} location ids match a feature of the table {featuresOrigin} "
                + $"(location ids e.g. {Preview.Of(table.Ids, 3)}; features e.g. {Preview.Of(featureIds, 3)}). Is it the location table of the other omics, or are the ids written differently?");
        }

        var placed = new List<(int Index, int Rank, long Start)>();
        var other = new List<int>();
        var unannotated = new List<int>();
        for (int i = 0; i < featureIds.Count; i++)
        {
            if (!table.TryGetLocation(featureIds[i], out var location))
            {
                unannotated.Add(i);
            }
            else if (location.ChromosomeRank is { } rank)
            {
                placed.Add((i, rank, location.Start));
            }
            else
            {
                other.Add(i);
            }
        }

        // List.Sort is not stable; the index breaks ties so features at the same position keep their input order.
        placed.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
            : a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Index.CompareTo(b.Index));

        var order = placed.Select(p => p.Index).Concat(other).Concat(unannotated).ToArray();
        var groups = new List<FeatureGroup>();
        int position = 0;
        foreach (var run in placed.GroupBy(p => p.Rank))
        {
            int count = run.Count();
            groups.Add(new FeatureGroup(Chromosomes.Ordered[run.Key - 1], position, count));
            position += count;
        }

        if (other.Count + unannotated.Count > 0)
        {
            groups.Add(new FeatureGroup(FeatureGroup.Unplaced, position, other.Count + unannotated.Count));
        }

        var report = new FeatureOrderingReport
        {
            LocationTable = table.Origin,
            OrderedFeatureCount = placed.Count,
            OtherContigFeatures = other.Select(i => featureIds[i]).ToArray(),
            UnannotatedFeatures = unannotated.Select(i => featureIds[i]).ToArray(),
            Groups = groups,
            UnmatchedLocationCount = listed - matched,
        };
        return (order, report);
    }
}
