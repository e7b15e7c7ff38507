using System.CommandLine;

namespace OmiTrans.Cli.Commands;

/// <summary>Option definitions shared by several commands (a new instance per command).</summary>
internal static class CliOptions
{
    public static Option<FileInfo> RequiredFile(string name, string description)
        => new(name) { Description = description, Required = true };

    public static Option<FileInfo?> OptionalFile(string name, string description)
        => new(name) { Description = description };

    public static Option<int> Int(string name, string description, int defaultValue)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<double> Double(string name, string description, double defaultValue)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<string> Text(string name, string description, string defaultValue, params string[] allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        if (allowed.Length > 0)
        {
            option.AcceptOnlyFromAmong(allowed);
        }

        return option;
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A value-transform option (none, log2p1, cpm-log2); read it with <see cref="DataOptions.ParseTransform"/>.</summary>
    public static Option<string> Transform(string name, string description) => Text(name, description, "none", "none", "log2p1", "cpm-log2");
}

/// <summary>The data options of train and compare: input files, layout, alignment, split and preprocessing.</summary>
internal sealed class DataOptions
{
    public Option<FileInfo?> Source { get; } = CliOptions.OptionalFile("--source", "Source omics table (features as rows, samples as columns; TSV/CSV, optionally .gz). Required.");

    public Option<FileInfo?> Target { get; } = CliOptions.OptionalFile("--target", "Target omics table, same layout. Required.");

    public Option<FileInfo?> SourceLocations { get; } = CliOptions.OptionalFile("--source-locations", "Location table of the source features (feature, chrom, start): orders them by chromosome 1..22, X, Y and position.");

    public Option<FileInfo?> TargetLocations { get; } = CliOptions.OptionalFile("--target-locations", "Location table of the target features.");

    public Option<FileInfo?> Split { get; } = CliOptions.OptionalFile("--split", "Split file (sample, set = train/validation/test); default: a seeded random 80/10/10 split.");

    public Option<bool> SamplesInRows { get; } = CliOptions.Flag("--samples-in-rows", "The input tables hold one sample per row (feature ids in the header).");

    public Option<string> SampleMatching { get; } = CliOptions.Text("--sample-matching", "How sample ids are matched: exact, or TCGA barcodes truncated to patient (12), sample (15) or vial (16) characters.", "exact", "exact", "patient", "sample", "vial");

    public Option<double> MaxMissing { get; } = CliOptions.Double("--max-missing", "Drop features missing in more than this fraction of training samples.", 0.1).Between(0, 1);

    public Option<string> SourceScaling { get; } = CliOptions.Text("--source-scaling", "How source features are scaled (fitted on training samples).", "none", "none", "standardize", "minmax");

    public Option<string> SourceTransform { get; } = CliOptions.Transform("--source-transform", "Transform the source values before anything else: none, log2p1 (log2(x + 1) of linear-scale values) or cpm-log2 (counts per million, then log2(x + 1), for read counts). The model records it and applies it to what it translates.");

    public Option<string> TargetTransform { get; } = CliOptions.Transform("--target-transform", "Transform the target values before anything else (same choices as --source-transform). The model records it: it learns and predicts the transformed values, and evaluation compares in those units.");

    public Option<FileInfo?> Exclude { get; } = CliOptions.OptionalFile("--exclude", "A file of source feature ids to remove before anything else (one id per line, first column), e.g. cross-mapping or SNP probes.");

    public Option<double?> MinVariance { get; } = new Option<double?>("--min-variance") { Description = "Drop source features whose training variance is below this (the paper: 0.05 on methylation)." }.Between(0);

    public Option<int?> TopVariance { get; } = new Option<int?>("--top-variance") { Description = "Keep only this many source features with the largest training variance." }.Between(1);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Source, Target, SourceLocations, TargetLocations, Split, SamplesInRows, SampleMatching, SourceTransform, TargetTransform, Exclude, MaxMissing, MinVariance, TopVariance, SourceScaling })
        {
            command.Options.Add(option);
        }
    }

    public OmicsReadOptions ReadOptions(ParseResult result) => new() { SamplesInRows = result.GetValue(SamplesInRows) };

    /// <summary>
    /// Checks every input file given (the source and target are required) before anything is read, and protects them
    /// from every write of this run.
    /// </summary>
    public void CheckInputs(ParseResult result)
    {
        foreach (var required in new[] { Source, Target })
        {
            if (result.GetValue(required) is null)
            {
                throw new BadInputException($"{required.Name} is required.");
            }
        }

        foreach (var option in new[] { Source, Target, SourceLocations, TargetLocations, Split, Exclude })
        {
            CommandFiles.OptionalInput(result, option);
        }
    }

    /// <summary>Reads the source and target tables as they are (both options are required here); the value transforms are part of <see cref="Preprocessing"/>.</summary>
    public (OmicsMatrix Source, OmicsMatrix Target) ReadTables(ParseResult result)
    {
        var source = result.GetValue(Source) ?? throw new ArgumentException("--source is required.");
        var target = result.GetValue(Target) ?? throw new ArgumentException("--target is required.");
        var options = ReadOptions(result);
        return (
            CommandFiles.Read("--source", source.FullName, () => OmicsFile.Read(source.FullName, options)),
            CommandFiles.Read("--target", target.FullName, () => OmicsFile.Read(target.FullName, options)));
    }

    public static ValueTransform ParseTransform(string? text) => text switch
    {
        "log2p1" => ValueTransform.Log2PlusOne,
        "cpm-log2" => ValueTransform.CountsPerMillionLog2,
        _ => ValueTransform.None,
    };

    /// <summary>The command-line name of a transform (as <see cref="CliOptions.Transform"/> accepts it).</summary>
    public static string TransformName(ValueTransform transform) => transform switch
    {
        ValueTransform.Log2PlusOne => "log2p1",
        ValueTransform.CountsPerMillionLog2 => "cpm-log2",
        _ => "none",
    };

    /// <summary>What the values of a target transform are, for notes.</summary>
    public static string TransformUnits(ValueTransform transform) => transform switch
    {
        ValueTransform.Log2PlusOne => "log2(x + 1) of the raw values",
        ValueTransform.CountsPerMillionLog2 => "log2(counts per million + 1)",
        _ => "in the raw units",
    };

    public PreprocessingOptions Preprocessing(ParseResult result) => new()
    {
        MaxMissingFraction = result.GetValue(MaxMissing),
        ExcludedSourceFeatures = result.GetValue(Exclude) is { } exclude ? FeatureIdList.Read(exclude.FullName) : [],
        MinSourceVariance = result.GetValue(MinVariance),
        TopVarianceSourceFeatures = result.GetValue(TopVariance),
        SourceTransform = ParseTransform(result.GetValue(SourceTransform)),
        TargetTransform = ParseTransform(result.GetValue(TargetTransform)),
        SourceScaling = result.GetValue(SourceScaling) switch
        {
            "standardize" => OmiTrans.Preprocessing.SourceScaling.Standardize,
            "minmax" => OmiTrans.Preprocessing.SourceScaling.MinMax,
            _ => OmiTrans.Preprocessing.SourceScaling.None,
        },
    };

    public DatasetAligner Aligner(ParseResult result) => new(new DatasetAlignerOptions
    {
        SourceLocations = result.GetValue(SourceLocations) is { } s ? LocationTable.Read(s.FullName) : null,
        TargetLocations = result.GetValue(TargetLocations) is { } t ? LocationTable.Read(t.FullName) : null,
        SampleMatching = result.GetValue(SampleMatching) switch
        {
            "patient" => OmiTrans.Alignment.SampleMatching.TcgaPatient,
            "sample" => OmiTrans.Alignment.SampleMatching.TcgaSample,
            "vial" => OmiTrans.Alignment.SampleMatching.TcgaVial,
            _ => OmiTrans.Alignment.SampleMatching.Exact,
        },
    });

    public SampleSplit? ExplicitSplit(ParseResult result) => result.GetValue(Split) is { } f ? SampleSplit.Read(f.FullName) : null;
}
