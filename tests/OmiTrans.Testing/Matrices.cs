namespace OmiTrans.Testing;

/// <summary>Small matrices for tests.</summary>
public static class Matrices
{
    /// <summary>A matrix from rows of values, one row per feature.</summary>
    public static OmicsMatrix FromRows(string[] features, string[] samples, params float[][] rows)
    {
        var values = new float[features.Length, samples.Length];
        for (int f = 0; f < features.Length; f++)
        {
            for (int s = 0; s < samples.Length; s++)
            {
                values[f, s] = rows[f][s];
            }
        }

        return OmicsMatrix.Create(features, samples, values);
    }

    public static string[] Ids(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}{i}").ToArray();

    /// <summary>
    /// Paired data with planted structure: each target feature is a non-linear function of two source features plus a
    /// little noise.
    /// </summary>
    public static (OmicsMatrix Source, OmicsMatrix Target) Planted(int samples, int sourceFeatures, int targetFeatures, int seed, double noise = 0.05)
    {
        var random = new Random(seed);
        var sampleIds = Ids("S", samples);
        var source = new float[sourceFeatures, samples];
        for (int f = 0; f < sourceFeatures; f++)
        {
            for (int s = 0; s < samples; s++)
            {
                source[f, s] = (float)random.NextDouble();
            }
        }

        var target = new float[targetFeatures, samples];
        for (int g = 0; g < targetFeatures; g++)
        {
            int a = random.Next(sourceFeatures);
            int b = random.Next(sourceFeatures);
            double scale = 1 + (3 * random.NextDouble());
            double offset = 5 * random.NextDouble();
            for (int s = 0; s < samples; s++)
            {
                double x = (2 * source[a, s]) - 1;
                double y = (2 * source[b, s]) - 1;
                target[g, s] = (float)(offset + (scale * Math.Tanh((2 * x) + y)) + (noise * NextGaussian(random)));
            }
        }

        return (OmicsMatrix.Create(Ids("cg", sourceFeatures), sampleIds, source), OmicsMatrix.Create(Ids("gene", targetFeatures), sampleIds, target));
    }

    /// <summary>
    /// Paired data with local planted structure: target feature j depends on the two source features at the matching
    /// relative position, and both omics come with location tables on three chromosomes.
    /// </summary>
    public static (OmicsMatrix Source, OmicsMatrix Target, LocationTable SourceLocations, LocationTable TargetLocations) PlantedLocal(int samples, int sourceFeatures, int targetFeatures, int seed, double noise = 0.05)
    {
        var random = new Random(seed);
        var sampleIds = Ids("S", samples);
        var source = new float[sourceFeatures, samples];
        for (int f = 0; f < sourceFeatures; f++)
        {
            for (int s = 0; s < samples; s++)
            {
                source[f, s] = (float)random.NextDouble();
            }
        }

        var target = new float[targetFeatures, samples];
        for (int g = 0; g < targetFeatures; g++)
        {
            int a = Math.Min(sourceFeatures - 2, g * sourceFeatures / targetFeatures);
            double scale = 1 + (2 * random.NextDouble());
            double offset = 3 * random.NextDouble();
            for (int s = 0; s < samples; s++)
            {
                double x = (2 * source[a, s]) - 1;
                double y = (2 * source[a + 1, s]) - 1;
                target[g, s] = (float)(offset + (scale * Math.Tanh((2 * x) + y)) + (noise * NextGaussian(random)));
            }
        }

        var sourceIds = Ids("cg", sourceFeatures);
        var targetIds = Ids("gene", targetFeatures);
        LocationTable Locations(string[] ids) => LocationTable.Create(
            ids.Select((id, i) => (id, "chr" + (1 + (3 * i / ids.Length)), (long)(1000 * (i + 1)))));
        return (OmicsMatrix.Create(sourceIds, sampleIds, source), OmicsMatrix.Create(targetIds, sampleIds, target), Locations(sourceIds), Locations(targetIds));
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
