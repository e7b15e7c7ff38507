using System.Diagnostics;
using System.Globalization;
using OmiTrans;
using OmiTrans.Alignment;
using OmiTrans.Comparison;
using OmiTrans.Data;
using OmiTrans.Evaluation;
using OmiTrans.Locations;

// RealDataMiniAcc: real TCGA adrenocortical carcinoma data (bundled miniACC): miRNA -> mRNA, copy number -> mRNA and
// RPPA protein -> mRNA, OmiTrans with the library defaults next to the network alone, the validation-split default and
// the baselines, on repeated random 80/10/10 splits (one per seed, shared by every method of that seed). Prints, per
// pair, the nine test metrics as mean ± s.d. over the seeds, and the paired difference of each method to ridge.
// Small data: the numbers are honest, not claims (docs/study.md).
//
//   dotnet run -c Release --project samples/RealDataMiniAcc -- [--seeds 1,2,3,4,5] [--pairs mirna,cnv,rppa]
//       [--methods omitrans,omitrans-holdout,network,...] [--threads 1]
var options = Arguments(args);
int[] seeds = options.GetValueOrDefault("seeds", "1,2,3,4,5").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
string[] pairs = options.GetValueOrDefault("pairs", "mirna,cnv,rppa").Split(',');
string[]? methodsAsked = options.TryGetValue("methods", out var m) ? m.Split(',') : null;
if (options.TryGetValue("threads", out var threads))
{
    TorchSharp.torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
}

string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
var expression = OmicsTransforms.Log2PlusOne(OmicsFile.Read(Path.Combine(dataDirectory, "RNASeq2GeneNorm.tsv")));
var genes = LocationTable.Read(Path.Combine(dataDirectory, "gene_locations.tsv"));
var sources = new Dictionary<string, (string Name, Func<OmicsMatrix> Read, LocationTable? Locations)>
{
    ["mirna"] = ("miRNA -> mRNA", () => OmicsTransforms.CountsPerMillionLog2(OmicsFile.Read(Path.Combine(dataDirectory, "miRNASeqGene.tsv"))), null),
    ["cnv"] = ("copy number -> mRNA", () => OmicsFile.Read(Path.Combine(dataDirectory, "gistict.tsv")), genes),
    ["rppa"] = ("RPPA protein -> mRNA", () => OmicsFile.Read(Path.Combine(dataDirectory, "RPPAArray.tsv")), null),
};

foreach (var key in pairs)
{
    var (name, read, sourceLocations) = sources[key];
    var source = read();
    string network = sourceLocations is null ? "omitrans-fc" : "omitrans-cis";
    // "network" stands for the default generator alone (omitrans-fc, or omitrans-cis where both omics have locations).
    string[] methods = (methodsAsked ?? ["omitrans", "omitrans-per-target", "omitrans-holdout", "network", "ridge", "ridge-cv-shared", "ridge-cv", "lasso", "mean"])
        .Select(x => x == "network" ? network : x).ToArray();
    var results = methods.ToDictionary(x => x, _ => new List<(TranslationMetrics Metrics, double Seconds)>());
    var selections = new List<string>();
    foreach (var seed in seeds)
    {
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = sourceLocations, TargetLocations = sourceLocations is null ? null : genes });
        var settings = TranslatorPresets.Default with { Aligner = aligner, Training = TranslatorPresets.Default.Training with { Seed = seed } };
        var prepared = new TranslatorBuilder().WithSettings(settings).Build().PrepareData(source, expression);
        if (seed == seeds[0])
        {
            Console.WriteLine($"## {name}: {prepared.Source.SampleCount} patients ({prepared.Split.Train.Count} train, {prepared.Split.Validation.Count} validation, {prepared.Split.Test.Count} test per split), {prepared.Source.FeatureCount} source features, {prepared.Target.FeatureCount} genes");
            Console.WriteLine();
        }

        // Progress on standard error (the tables on standard output stay clean): a line per method, and while a
        // network trains, an epoch line at least every 10 seconds.
        var comparison = MethodComparison.Run(prepared, methods.Select(x => TranslationMethods.Create(x, settings)).ToList(), new ComparisonOptions(), new ProgressLines($"{name}, seed {seed}"));
        foreach (var entry in comparison.Entries)
        {
            results[entry.Method].Add((entry.Metrics, entry.FitSeconds));
            if (entry.Method == "omitrans" && entry.Selection is { } selection)
            {
                selections.Add($"seed {seed}: {selection.Reason}");
            }
        }
    }

    Console.WriteLine($"Test metrics, mean ± s.d. over seeds {string.Join(", ", seeds)}; fit seconds (median, range):");
    Console.WriteLine();
    Console.WriteLine("| method | MSE | RMSE | MAE | median AE | mean samplewise R² | mean featurewise R² | median featurewise R² | % features R² > 0.3 | fit s |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var method in methods)
    {
        var r = results[method];
        var x = r.Select(e => e.Metrics).ToArray();
        var seconds = r.Select(e => e.Seconds).Order().ToArray();
        Console.WriteLine(
            $"| {method} | {Summary(x.Select(v => v.Mse), 3)} | {Summary(x.Select(v => v.Rmse), 3)} | {Summary(x.Select(v => v.Mae), 3)} | {Summary(x.Select(v => v.MedianAe), 3)} | "
            + $"{Summary(x.Select(v => v.MeanSamplewiseR2), 3)} | {Summary(x.Select(v => v.MeanFeaturewiseR2), 3)} | {Summary(x.Select(v => v.MedianFeaturewiseR2), 3)} | "
            + $"{Summary(x.Select(v => v.PercentFeaturesR2Above03), 1)} | {Format(seconds[seconds.Length / 2], 1)} ({Format(seconds[0], 1)}–{Format(seconds[^1], 1)}) |");
    }

    if (results.TryGetValue("ridge", out var ridge))
    {
        Console.WriteLine();
        Console.WriteLine("Paired difference to ridge on the same split (method − ridge), mean ± s.d. over the seeds; featurewise R²: higher is better, MSE: lower is better:");
        Console.WriteLine();
        Console.WriteLine("| method | Δ mean featurewise R² | Δ MSE | seeds better than ridge on both |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var method in methods.Where(x => x != "ridge"))
        {
            var r = results[method];
            var dR2 = r.Zip(ridge, (a, b) => a.Metrics.MeanFeaturewiseR2 - b.Metrics.MeanFeaturewiseR2).ToArray();
            var dMse = r.Zip(ridge, (a, b) => a.Metrics.Mse - b.Metrics.Mse).ToArray();
            int better = dR2.Zip(dMse).Count(d => d.First > 0 && d.Second < 0);
            Console.WriteLine($"| {method} | {Summary(dR2, 4)} | {Summary(dMse, 4)} | {better} of {seeds.Length} |");
        }
    }

    Console.WriteLine();
    foreach (var line in selections)
    {
        Console.WriteLine($"- {line}");
    }

    Console.WriteLine();
}

static string Summary(IEnumerable<double> values, int decimals)
{
    var v = values.ToArray();
    double mean = v.Average();
    double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
    return $"{Format(mean, decimals)} ± {Format(sd, decimals)}";
}

static string Format(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

static Dictionary<string, string> Arguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Expected an option, got '{args[i]}'.");
        }

        result[args[i][2..]] = args[i + 1];
    }

    return result;
}

/// <summary>Progress lines on standard error: each method's start and end, and an epoch line at least every 10 s.</summary>
internal sealed class ProgressLines(string prefix) : IProgress<ComparisonProgress>
{
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public void Report(ComparisonProgress value)
    {
        if (value.FitSeconds is { } seconds)
        {
            Console.Error.WriteLine($"{prefix}: {value.Method} fitted in {seconds:F1} s ({value.Index + 1}/{value.Count})");
        }
        else if (value.Epoch is { } epoch)
        {
            if (_sinceLine.Elapsed.TotalSeconds >= 10)
            {
                Console.Error.WriteLine($"{prefix}: {value.Method} epoch {epoch.Epoch}/{epoch.TotalEpochs}");
                _sinceLine.Restart();
            }

            return;
        }
        else
        {
            Console.Error.WriteLine($"{prefix}: {value.Method} fitting ({value.Index + 1}/{value.Count})...");
        }

        _sinceLine.Restart();
    }
}
