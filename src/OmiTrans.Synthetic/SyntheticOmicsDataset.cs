using System.Text;

namespace OmiTrans.Synthetic;

/// <summary>A synthetic paired data set with its noise-free target, labels and location tables.</summary>
public sealed class SyntheticOmicsDataset
{
    internal SyntheticOmicsDataset(
        OmicsMatrix source, OmicsMatrix target, OmicsMatrix targetNoiseless, LocationTable sourceLocations, LocationTable targetLocations, IReadOnlyDictionary<string, string> labels)
    {
        Source = source;
        Target = target;
        TargetNoiseless = targetNoiseless;
        SourceLocations = sourceLocations;
        TargetLocations = targetLocations;
        Labels = labels;
    }

    /// <summary>Methylation beta values (CpGs x samples), with a few missing values.</summary>
    public OmicsMatrix Source { get; }

    /// <summary>Expression values (genes x samples), with noise and a few missing values.</summary>
    public OmicsMatrix Target { get; }

    /// <summary>The expression without noise, for the samples present in both omics: the best any method can predict.</summary>
    public OmicsMatrix TargetNoiseless { get; }

    /// <summary>CpG locations (chromosome and position).</summary>
    public LocationTable SourceLocations { get; }

    /// <summary>Gene locations (chromosome and position).</summary>
    public LocationTable TargetLocations { get; }

    /// <summary>The tumour type of every sample.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The file names <see cref="WriteTo"/> writes.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["source.tsv", "target.tsv", "target_noiseless.tsv", "source_locations.tsv", "target_locations.tsv", "labels.tsv"];

    /// <summary>
    /// Writes source.tsv, target.tsv, target_noiseless.tsv, source_locations.tsv, target_locations.tsv and
    /// labels.tsv (<c>sample  type</c>) into a folder.
    /// </summary>
    /// <param name="directory">The folder (created when missing).</param>
    public void WriteTo(string directory)
    {
        Guard.NotNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        OmicsFile.Write(Source, Path.Combine(directory, "source.tsv"));
        OmicsFile.Write(Target, Path.Combine(directory, "target.tsv"));
        OmicsFile.Write(TargetNoiseless, Path.Combine(directory, "target_noiseless.tsv"));
        SourceLocations.Write(Path.Combine(directory, "source_locations.tsv"));
        TargetLocations.Write(Path.Combine(directory, "target_locations.tsv"));
        var labels = new StringBuilder("sample\ttype\n");
        foreach (var (sample, type) in Labels)
        {
            labels.Append(sample).Append('\t').Append(type).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(directory, "labels.tsv"), labels.ToString());
    }
}
