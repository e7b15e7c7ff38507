namespace OmiTrans.Locations;

/// <summary>Orders features by chromosome (1 to 22, X, Y) and position; features without a usable location go last.</summary>
internal static class FeatureOrdering
{
    public static (int[] Order, FeatureOrderingReport Report) Order(IReadOnlyList<string> featureIds, LocationTable table)
    {
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
        };
        return (order, report);
    }
}
