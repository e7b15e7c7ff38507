using OmiTrans.Alignment;
using OmiTrans.Comparison;
using OmiTrans.Data;
using OmiTrans.Evaluation;
using OmiTrans.Locations;

// RealDataMiniAcc: real TCGA adrenocortical carcinoma data (bundled miniACC): miRNA -> mRNA and copy number -> mRNA,
// OmiTrans with the library defaults (FC generator for miRNA; cis generator for copy number, where both omics have gene
// locations; ridge fallback on) next to the generator alone and the baselines on the same split, for several seeds.
// Small data: the numbers are honest, not claims.
using System.Globalization;
using OmiTrans;

string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
var expression = OmicsTransforms.Log2PlusOne(OmicsFile.Read(Path.Combine(dataDirectory, "RNASeq2GeneNorm.tsv")));
var mirna = OmicsTransforms.CountsPerMillionLog2(OmicsFile.Read(Path.Combine(dataDirectory, "miRNASeqGene.tsv")));
var copyNumber = OmicsFile.Read(Path.Combine(dataDirectory, "gistict.tsv"));
var labels = ClinicalLabels(Path.Combine(dataDirectory, "clinical.tsv"), "C1A.C1B");
var genes = LocationTable.Read(Path.Combine(dataDirectory, "gene_locations.tsv"));
int[] seeds = [1, 2, 3];

foreach (var (name, source, sourceLocations) in new[] { ("miRNA -> mRNA", mirna, (LocationTable?)null), ("copy number -> mRNA", copyNumber, genes) })
{
    string[] methods = sourceLocations is null ? ["omitrans", "omitrans-fc", "ridge", "lasso", "mean"] : ["omitrans", "omitrans-cis", "ridge", "lasso", "mean"];
    var results = methods.ToDictionary(m => m, _ => new List<TranslationMetrics>());
    foreach (var seed in seeds)
    {
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = sourceLocations is null ? null : genes });
        var settings = TranslatorPresets.Default with { Aligner = aligner, Training = TranslatorPresets.Default.Training with { Epochs = 60, BatchSize = 16, Seed = seed } };
        var prepared = new TranslatorBuilder().WithSettings(settings).Build().PrepareData(source, expression);
        var comparison = MethodComparison.Run(prepared, methods.Select(m => TranslationMethods.Create(m, settings)).ToList(), new ComparisonOptions { Labels = labels });
        foreach (var entry in comparison.Entries)
        {
            results[entry.Method].Add(entry.Metrics);
        }

        if (seed == seeds[0])
        {
            Console.WriteLine($"{name}: {prepared.Source.SampleCount} patients ({prepared.Split.Train.Count} train, {prepared.Split.Validation.Count} validation, {prepared.Split.Test.Count} test), {prepared.Source.FeatureCount} source features, {prepared.Target.FeatureCount} genes");
        }
    }

    Console.WriteLine($"| method | mean featurewise R² | mean samplewise R² | MSE |  (mean ± s.d. over seeds {string.Join(", ", seeds)})");
    Console.WriteLine("|---|---|---|---|");
    foreach (var method in methods)
    {
        var m = results[method];
        Console.WriteLine($"| {method} | {Summary(m.Select(x => x.MeanFeaturewiseR2))} | {Summary(m.Select(x => x.MeanSamplewiseR2))} | {Summary(m.Select(x => x.Mse))} |");
    }

    Console.WriteLine();
}

static string Summary(IEnumerable<double> values)
{
    var v = values.ToArray();
    double mean = v.Average();
    double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
    return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3}");
}

static Dictionary<string, string> ClinicalLabels(string path, string column)
{
    var lines = File.ReadAllLines(path);
    int index = Array.IndexOf(lines[0].Split('\t'), column);
    return lines.Skip(1).Select(l => l.Split('\t')).Where(f => f[index] != "NA").ToDictionary(f => f[0], f => f[index]);
}
